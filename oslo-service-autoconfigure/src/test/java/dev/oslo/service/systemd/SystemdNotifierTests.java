package dev.oslo.service.systemd;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import dev.oslo.service.test.systemd.NotifyListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;

@ExtendWith(OutputCaptureExtension.class)
class SystemdNotifierTests {

	@TempDir
	Path directory;

	@Test
	void withoutNotifySocketNothingIsSentAndNoTransportIsLookedFor() {
		SystemdNotifier notifier = SystemdNotifier.fromEnvironment(Map.<String, String>of()::get, () -> {
			throw new AssertionError("no transport needed");
		});
		assertThat(notifier.isEnabled()).isFalse();
		assertThat(notifier.send(List.of("READY=1"))).isFalse();
	}

	@Test
	void anUnusableValueDisablesNotificationWithAWarning(CapturedOutput output) {
		SystemdNotifier notifier = SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", "vsock:2:9")::get,
				NotifyTransports::detect);
		assertThat(notifier.isEnabled()).isFalse();
		assertThat(output).contains("NOTIFY_SOCKET=vsock:2:9 is neither an absolute path", "not notifying systemd");
	}

	@Test
	void withoutATransportNotificationIsDisabledWithAWarning(CapturedOutput output) {
		SystemdNotifier notifier = SystemdNotifier.fromEnvironment(Map.of("NOTIFY_SOCKET", "/run/notify")::get,
				Optional::empty);
		assertThat(notifier.isEnabled()).isFalse();
		assertThat(output).contains("add the dependency net.java.dev.jna:jna");
	}

	@Test
	void watchdogTimeoutComesFromWatchdogUsecForThisProcess() {
		long pid = ProcessHandle.current().pid();
		assertThat(watchdog(Map.of("WATCHDOG_USEC", "30000000"))).hasValue(Duration.ofSeconds(30));
		assertThat(watchdog(Map.of("WATCHDOG_USEC", "500000", "WATCHDOG_PID", String.valueOf(pid))))
			.hasValue(Duration.ofMillis(500));
		assertThat(watchdog(Map.of("WATCHDOG_USEC", "500000", "WATCHDOG_PID", String.valueOf(pid + 1)))).isEmpty();
		assertThat(watchdog(Map.of())).isEmpty();
	}

	@Test
	void anUnusableWatchdogValueMeansNoWatchdog(CapturedOutput output) {
		assertThat(watchdog(Map.of("WATCHDOG_USEC", "soon"))).isEmpty();
		assertThat(watchdog(Map.of("WATCHDOG_USEC", "0"))).isEmpty();
		assertThat(output).contains("WATCHDOG_USEC=soon", "not pinging the systemd watchdog");
	}

	@Test
	void aFailedSendIsLoggedOnceAndNeverThrows(CapturedOutput output) {
		NotifySocket missing = NotifySocket.parse(this.directory.resolve("gone").toString());
		SystemdNotifier notifier = SystemdNotifier.of(missing, (socket, message) -> {
			throw new IOException("sendto(" + socket + ") failed: ENOENT (errno 2)");
		}, null);
		assertThat(notifier.send(List.of("READY=1"))).isFalse();
		assertThat(notifier.send(List.of("STATUS=still here"))).isFalse();
		assertThat(notifier.send(List.of("STOPPING=1"))).isFalse();
		assertThat(output.getOut().lines().filter((line) -> line.contains("Could not notify systemd"))).hasSize(1);
	}

	@Test
	void aTransportThatCannotLinkIsAFailedSendToo() {
		SystemdNotifier notifier = SystemdNotifier.of(NotifySocket.parse("/run/notify"), (socket, message) -> {
			throw new UnsatisfiedLinkError("no libc");
		}, null);
		assertThat(notifier.send(List.of("READY=1"))).isFalse();
	}

	@Test
	void fieldsAreSentAsOneMessage() throws Exception {
		try (NotifyListener listener = NotifyListener.bind(this.directory.resolve("notify"))) {
			SystemdNotifier notifier = SystemdNotifier
				.fromEnvironment(Map.of("NOTIFY_SOCKET", listener.notifySocket())::get, NotifyTransports::detect);
			assertThat(notifier.send(List.of("READY=1", "STATUS=ok"))).isTrue();
			assertThat(listener.next(Duration.ofSeconds(5))).isEqualTo("READY=1\nSTATUS=ok");
		}
	}

	private static Optional<Duration> watchdog(Map<String, String> environment) {
		Map<String, String> withSocket = new HashMap<>(environment);
		withSocket.put("NOTIFY_SOCKET", "/run/notify");
		return SystemdNotifier.fromEnvironment(withSocket::get, NotifyTransports::detect).watchdogTimeout();
	}

}
