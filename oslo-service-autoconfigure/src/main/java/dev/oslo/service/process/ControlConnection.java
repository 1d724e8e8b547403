package dev.oslo.service.process;

import java.io.ByteArrayOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Optional;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One end of a master-worker control channel: a Unix-domain stream socket carrying
 * {@link ControlMessage} lines in UTF-8. Sending is thread-safe; one thread receives. The
 * channel is read and written directly rather than through {@code Channels} streams,
 * which on JDK 17 hold one lock for both directions and would block a heartbeat behind a
 * pending read.
 */
final class ControlConnection implements Closeable {

	private static final Logger logger = LoggerFactory.getLogger(ControlConnection.class);

	private final SocketChannel channel;

	private final ByteBuffer input = ByteBuffer.allocate(4096).flip();

	private final ByteArrayOutputStream line = new ByteArrayOutputStream();

	private final Object writeLock = new Object();

	ControlConnection(SocketChannel channel) {
		this.channel = channel;
	}

	static ControlConnection connect(Path socket) throws IOException {
		SocketChannel channel = SocketChannel.open(StandardProtocolFamily.UNIX);
		try {
			channel.connect(UnixDomainSocketAddress.of(socket));
		}
		catch (IOException ex) {
			channel.close();
			throw ex;
		}
		return new ControlConnection(channel);
	}

	/**
	 * Send a message.
	 * @return whether it was written; {@code false} once the peer has gone
	 */
	boolean send(ControlMessage message) {
		ByteBuffer bytes = ByteBuffer.wrap((message.encode() + "\n").getBytes(StandardCharsets.UTF_8));
		synchronized (this.writeLock) {
			try {
				while (bytes.hasRemaining()) {
					this.channel.write(bytes);
				}
				return true;
			}
			catch (IOException ex) {
				logger.debug("Could not send {} on the control channel", message.type(), ex);
				return false;
			}
		}
	}

	/**
	 * Wait for the next message, skipping lines this side does not understand.
	 * @return the message, or {@code null} at the end of the stream (the peer has gone)
	 */
	@Nullable ControlMessage receive() {
		try {
			String text;
			while ((text = readLine()) != null) {
				Optional<ControlMessage> message = ControlMessage.decode(text);
				if (message.isPresent()) {
					return message.get();
				}
				logger.debug("Skipping an unknown control message: {}", text);
			}
		}
		catch (IOException ex) {
			logger.debug("The control channel failed", ex);
		}
		return null;
	}

	private @Nullable String readLine() throws IOException {
		this.line.reset();
		while (true) {
			while (this.input.hasRemaining()) {
				byte next = this.input.get();
				if (next == '\n') {
					return this.line.toString(StandardCharsets.UTF_8);
				}
				this.line.write(next);
			}
			this.input.clear();
			int read = this.channel.read(this.input);
			this.input.flip();
			if (read < 0) {
				return null;
			}
		}
	}

	@Override
	public void close() {
		try {
			this.channel.close();
		}
		catch (IOException ex) {
			logger.debug("Could not close the control channel", ex);
		}
	}

}
