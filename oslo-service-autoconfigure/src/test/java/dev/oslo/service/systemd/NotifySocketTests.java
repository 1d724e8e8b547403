package dev.oslo.service.systemd;

import java.nio.ByteOrder;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class NotifySocketTests {

	private static final byte[] FAMILY = (ByteOrder.nativeOrder() == ByteOrder.LITTLE_ENDIAN) ? new byte[] { 1, 0 }
			: new byte[] { 0, 1 };

	@Test
	void pathIsAFileSystemAddressEndingWithItsNul() {
		NotifySocket socket = NotifySocket.parse("/run/systemd/notify");
		assertThat(socket.isAbstract()).isFalse();
		assertThat(socket.address()).startsWith(FAMILY)
			.endsWith("/run/systemd/notify\0".getBytes())
			.hasSize(2 + "/run/systemd/notify".length() + 1);
	}

	@Test
	void atNameIsAnAbstractAddressWithALeadingNulAndNoTerminator() {
		NotifySocket socket = NotifySocket.parse("@userdb-notify");
		assertThat(socket.isAbstract()).isTrue();
		assertThat(socket.address()).startsWith(FAMILY).endsWith("\0userdb-notify".getBytes()).hasSize(2 + 14);
		assertThat(socket).hasToString("@userdb-notify");
	}

	@ParameterizedTest
	@ValueSource(strings = { "run/systemd/notify", "@", "vsock:2:1234", "" })
	void otherFormsAreRejectedNamingTheValue(String value) {
		assertThatIllegalArgumentException().isThrownBy(() -> NotifySocket.parse(value))
			.withMessageContaining("NOTIFY_SOCKET=" + value)
			.withMessageContaining("absolute path");
	}

	@Test
	void pathLongerThanASocketAddressIsRejected() {
		String path = "/" + "x".repeat(107);
		assertThatIllegalArgumentException().isThrownBy(() -> NotifySocket.parse(path))
			.withMessageContaining("107 bytes");
		assertThat(NotifySocket.parse("/" + "x".repeat(106)).address()).hasSize(2 + 108);
	}

}
