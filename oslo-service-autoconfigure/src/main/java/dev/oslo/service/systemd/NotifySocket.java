package dev.oslo.service.systemd;

import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;

/**
 * Where systemd listens for notifications: the value of {@code NOTIFY_SOCKET}, either an
 * absolute path of an {@code AF_UNIX} datagram socket or, with a leading {@code @}, a
 * name in Linux's abstract socket namespace.
 *
 * @since 0.1.0
 */
public final class NotifySocket {

	/** {@code AF_UNIX} on Linux, the only system with {@code NOTIFY_SOCKET}. */
	static final short AF_UNIX = 1;

	/** {@code sizeof(sun_path)} on Linux. */
	private static final int PATH_CAPACITY = 108;

	/**
	 * {@code offsetof(struct sockaddr_un, sun_path)}: after the 2-byte
	 * {@code sun_family}.
	 */
	private static final int PATH_OFFSET = 2;

	private final String value;

	private final byte[] address;

	private NotifySocket(String value, byte[] address) {
		this.value = value;
		this.address = address;
	}

	/**
	 * Read a {@code NOTIFY_SOCKET} value.
	 * @param value the value
	 * @return the socket
	 * @throws IllegalArgumentException if the value is neither an absolute path nor an
	 * {@code @} name, or is too long for a socket address
	 */
	public static NotifySocket parse(String value) {
		byte[] path;
		if (value.startsWith("@") && value.length() > 1) {
			path = value.getBytes(StandardCharsets.UTF_8);
			path[0] = 0;
		}
		else if (value.startsWith("/")) {
			byte[] bytes = value.getBytes(StandardCharsets.UTF_8);
			path = new byte[bytes.length + 1];
			System.arraycopy(bytes, 0, path, 0, bytes.length);
		}
		else {
			throw new IllegalArgumentException("NOTIFY_SOCKET=" + value
					+ " is neither an absolute path nor an abstract socket name starting with @");
		}
		if (path.length > PATH_CAPACITY) {
			throw new IllegalArgumentException("NOTIFY_SOCKET=" + value + " is longer than a socket address can hold ("
					+ (PATH_CAPACITY - 1) + " bytes)");
		}
		ByteBuffer address = ByteBuffer.allocate(PATH_OFFSET + path.length).order(ByteOrder.nativeOrder());
		address.putShort(AF_UNIX).put(path);
		return new NotifySocket(value, address.array());
	}

	/**
	 * The {@code struct sockaddr_un} to send to, as many bytes as the address length that
	 * {@code sendto} takes: a path ends with its terminating NUL, an abstract name has a
	 * leading NUL and no terminator.
	 * @return a copy of the address
	 */
	public byte[] address() {
		return this.address.clone();
	}

	/**
	 * Whether the socket is in the abstract namespace rather than the file system.
	 * @return {@code true} for an {@code @} name
	 */
	public boolean isAbstract() {
		return this.value.startsWith("@");
	}

	/**
	 * The value as {@code NOTIFY_SOCKET} gave it.
	 * @return the path or {@code @} name
	 */
	@Override
	public String toString() {
		return this.value;
	}

}
