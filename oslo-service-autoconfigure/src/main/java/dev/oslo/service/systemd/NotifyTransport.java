package dev.oslo.service.systemd;

import java.io.IOException;

/**
 * Sends one datagram to a {@link NotifySocket}. The JDK cannot open {@code AF_UNIX}
 * datagram sockets, so this takes a native call: the Foreign Function and Memory API on
 * JDK 22 and later, JNA where it is on the class path before that.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface NotifyTransport {

	/**
	 * Send one message, without blocking for long: systemd reads its socket at once.
	 * @param socket where to
	 * @param message the payload, newline-separated {@code KEY=VALUE} lines
	 * @throws IOException if the message could not be sent, with the system's reason
	 */
	void send(NotifySocket socket, byte[] message) throws IOException;

	/**
	 * What this transport is built on, for the log.
	 * @return e.g. {@code FFM} or {@code JNA}
	 */
	default String name() {
		return getClass().getSimpleName();
	}

}
