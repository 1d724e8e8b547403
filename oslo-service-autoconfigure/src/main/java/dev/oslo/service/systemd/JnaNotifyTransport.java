package dev.oslo.service.systemd;

import java.io.IOException;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;

/**
 * Sends notifications through JNA's direct mapping of the C library's {@code socket},
 * {@code sendto} and {@code close}: the transport on JDK 17 to 21.
 */
final class JnaNotifyTransport implements NotifyTransport {

	private static final int SOCK_DGRAM = 2;

	private static final int SOCK_CLOEXEC = 0x80000;

	/**
	 * Never block: a full systemd queue drops the notification instead of stalling the
	 * sender.
	 */
	private static final int SOCK_NONBLOCK = 0x800;

	/** Do not raise SIGPIPE when systemd has gone away. */
	private static final int MSG_NOSIGNAL = 0x4000;

	static {
		Native.register(JnaNotifyTransport.class, "c");
	}

	private static native int socket(int domain, int type, int protocol) throws LastErrorException;

	private static native NativeLong sendto(int fd, byte[] buffer, NativeLong length, int flags, byte[] address,
			int addressLength) throws LastErrorException;

	private static native int close(int fd);

	@Override
	public void send(NotifySocket socket, byte[] message) throws IOException {
		byte[] address = socket.address();
		int fd;
		try {
			fd = socket(NotifySocket.AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
		}
		catch (LastErrorException ex) {
			throw new IOException("socket(AF_UNIX, SOCK_DGRAM) failed: " + Errno.describe(ex.getErrorCode()), ex);
		}
		try {
			sendto(fd, message, new NativeLong(message.length), MSG_NOSIGNAL, address, address.length);
		}
		catch (LastErrorException ex) {
			throw new IOException("sendto(" + socket + ") failed: " + Errno.describe(ex.getErrorCode()), ex);
		}
		finally {
			close(fd);
		}
	}

	@Override
	public String name() {
		return "JNA";
	}

}
