package dev.oslo.service.test.systemd;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;
import com.sun.jna.NativeLong;
import org.jspecify.annotations.Nullable;

/**
 * What systemd does with {@code NOTIFY_SOCKET}, for tests: an {@code AF_UNIX} datagram
 * socket, bound to a path or an abstract name, that queues every message it receives. The
 * JDK cannot open one, so it is made through JNA.
 *
 * @since 0.1.0
 */
public final class NotifyListener implements AutoCloseable {

	private static final short AF_UNIX = 1;

	private static final int SOCK_DGRAM = 2;

	private static final int SOCK_CLOEXEC = 0x80000;

	private static final int SOL_SOCKET = 1;

	private static final int SO_RCVTIMEO = 20;

	private static final int EAGAIN = 11;

	static {
		Native.register(NotifyListener.class, "c");
	}

	private final int fd;

	private final String notifySocket;

	private final BlockingQueue<String> messages = new LinkedBlockingQueue<>();

	private final Thread reader;

	private volatile boolean closed;

	private NotifyListener(String notifySocket) throws IOException {
		this.notifySocket = notifySocket;
		byte[] address = socketAddress(notifySocket);
		try {
			this.fd = socket(AF_UNIX, SOCK_DGRAM | SOCK_CLOEXEC, 0);
			bind(this.fd, address, address.length);
			byte[] timeout = ByteBuffer.allocate(16).order(ByteOrder.nativeOrder()).putLong(0).putLong(100_000).array();
			setsockopt(this.fd, SOL_SOCKET, SO_RCVTIMEO, timeout, timeout.length);
		}
		catch (LastErrorException ex) {
			throw new IOException("Could not listen on " + notifySocket + ": " + ex.getMessage(), ex);
		}
		this.reader = new Thread(this::receive, "notify-listener");
		this.reader.setDaemon(true);
		this.reader.start();
	}

	/**
	 * Listen on a socket file.
	 * @param path where to bind; must not exist
	 * @return the listener
	 * @throws IOException if the socket cannot be bound
	 */
	public static NotifyListener bind(Path path) throws IOException {
		return new NotifyListener(path.toAbsolutePath().toString());
	}

	/**
	 * Listen on a name in the abstract namespace, unique to this call.
	 * @return the listener
	 * @throws IOException if the socket cannot be bound
	 */
	public static NotifyListener bindAbstract() throws IOException {
		return new NotifyListener("@oslo-notify-test-" + ProcessHandle.current().pid() + "-" + System.nanoTime());
	}

	/**
	 * The {@code struct sockaddr_un} to bind: the family, then a path and its terminating
	 * NUL, or, for an {@code @} name, a NUL and the name.
	 */
	private static byte[] socketAddress(String notifySocket) {
		byte[] name = notifySocket.getBytes(StandardCharsets.UTF_8);
		boolean inAbstractNamespace = name[0] == '@';
		ByteBuffer address = ByteBuffer.allocate(2 + name.length + (inAbstractNamespace ? 0 : 1))
			.order(ByteOrder.nativeOrder())
			.putShort(AF_UNIX);
		if (inAbstractNamespace) {
			address.put((byte) 0).put(name, 1, name.length - 1);
		}
		else {
			address.put(name).put((byte) 0);
		}
		return address.array();
	}

	/**
	 * The value to give {@code NOTIFY_SOCKET}.
	 * @return the path, or {@code @} and the abstract name
	 */
	public String notifySocket() {
		return this.notifySocket;
	}

	/**
	 * The next message, waiting for it.
	 * @param timeout how long to wait
	 * @return the message
	 * @throws AssertionError if none arrived in time
	 */
	public String next(Duration timeout) throws InterruptedException {
		String message = this.messages.poll(timeout.toMillis(), TimeUnit.MILLISECONDS);
		if (message == null) {
			throw new AssertionError("No notification within " + timeout.toMillis() + " ms on " + this.notifySocket);
		}
		return message;
	}

	/**
	 * The next message that is not only a watchdog ping, waiting for it; pings are
	 * dropped.
	 * @param timeout how long to wait in all
	 * @return the message
	 * @throws AssertionError if none arrived in time
	 */
	public String nextIgnoringWatchdog(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (true) {
			String message = next(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())));
			if (!message.equals("WATCHDOG=1")) {
				return message;
			}
		}
	}

	/**
	 * The messages received and not taken yet, taking them.
	 * @return the messages, oldest first
	 */
	public List<String> drain() {
		List<String> drained = new ArrayList<>();
		this.messages.drainTo(drained);
		return drained;
	}

	/**
	 * The message's fields.
	 * @param message newline-separated {@code KEY=VALUE} lines
	 * @param key a key
	 * @return the value, or {@code null} when the message has no such field
	 */
	public static @Nullable String field(String message, String key) {
		return message.lines()
			.filter((line) -> line.startsWith(key + "="))
			.map((line) -> line.substring(key.length() + 1))
			.findFirst()
			.orElse(null);
	}

	@Override
	public void close() throws InterruptedException {
		this.closed = true;
		this.reader.join();
		close(this.fd);
		if (!this.notifySocket.startsWith("@")) {
			Path.of(this.notifySocket).toFile().delete();
		}
	}

	private void receive() {
		byte[] buffer = new byte[4096];
		while (!this.closed) {
			try {
				int length = recv(this.fd, buffer, new NativeLong(buffer.length), 0).intValue();
				this.messages.add(new String(buffer, 0, length, StandardCharsets.UTF_8));
			}
			catch (LastErrorException ex) {
				if (ex.getErrorCode() != EAGAIN) {
					throw ex;
				}
			}
		}
	}

	private static native int socket(int domain, int type, int protocol) throws LastErrorException;

	private static native int bind(int fd, byte[] address, int addressLength) throws LastErrorException;

	private static native int setsockopt(int fd, int level, int name, byte[] value, int length)
			throws LastErrorException;

	private static native NativeLong recv(int fd, byte[] buffer, NativeLong length, int flags)
			throws LastErrorException;

	private static native int close(int fd);

}
