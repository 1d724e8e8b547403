package dev.oslo.service.systemd;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

import dev.oslo.service.test.systemd.NotifyListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIOException;

/**
 * Each transport this JVM has (JNA always here; FFM when it is JDK 22 or later and this
 * module was built with one) delivers datagrams to real sockets.
 */
class NotifyTransportTests {

	private static final Duration WAIT = Duration.ofSeconds(5);

	@TempDir
	Path directory;

	static Stream<NotifyTransport> transports() {
		return Stream.of(NotifyTransports.FFM, NotifyTransports.JNA)
			.flatMap((name) -> NotifyTransports.load(name).stream());
	}

	@Test
	void jdk22AndLaterDetectFfmAndOlderJdksJna() {
		String expected = (Runtime.version().feature() >= 22) ? "FFM" : "JNA";
		assertThat(NotifyTransports.detect())
			.hasValueSatisfying((transport) -> assertThat(transport.name()).isEqualTo(expected));
	}

	@ParameterizedTest
	@MethodSource("transports")
	void sendsToASocketFile(NotifyTransport transport) throws Exception {
		try (NotifyListener listener = NotifyListener.bind(this.directory.resolve("notify"))) {
			transport.send(NotifySocket.parse(listener.notifySocket()), bytes("READY=1\nSTATUS=2 services running"));
			transport.send(NotifySocket.parse(listener.notifySocket()), bytes("WATCHDOG=1"));
			assertThat(listener.next(WAIT)).isEqualTo("READY=1\nSTATUS=2 services running");
			assertThat(listener.next(WAIT)).isEqualTo("WATCHDOG=1");
		}
	}

	@ParameterizedTest
	@MethodSource("transports")
	void sendsToAnAbstractName(NotifyTransport transport) throws Exception {
		try (NotifyListener listener = NotifyListener.bindAbstract()) {
			transport.send(NotifySocket.parse(listener.notifySocket()), bytes("STOPPING=1"));
			assertThat(listener.next(WAIT)).isEqualTo("STOPPING=1");
		}
	}

	@ParameterizedTest
	@MethodSource("transports")
	void aMissingSocketFailsWithTheSystemsReason(NotifyTransport transport) {
		NotifySocket missing = NotifySocket.parse(this.directory.resolve("nobody-listens").toString());
		assertThatIOException().isThrownBy(() -> transport.send(missing, bytes("READY=1")))
			.withMessageContaining("sendto(" + missing + ")")
			.withMessageContaining("ENOENT (errno 2)");
	}

	private static byte[] bytes(String message) {
		return message.getBytes(StandardCharsets.UTF_8);
	}

}
