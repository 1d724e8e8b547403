package dev.oslo.service.process;

import java.io.IOException;
import java.util.Optional;

import dev.oslo.service.internal.NativeImplementations;

/**
 * The C library calls by which a master moves its listening socket onto the file
 * descriptor its workers inherit, and stops it listening, which the JDK has no API for.
 */
interface FileDescriptors {

	/** {@code SHUT_RD}. */
	int SHUT_RD = 0;

	/**
	 * {@code dup2(from, to)}: make {@code to} refer to what {@code from} refers to.
	 * @param from an open descriptor
	 * @param to the descriptor to replace
	 * @throws IOException if the call failed
	 */
	void duplicate(int from, int to) throws IOException;

	/**
	 * {@code close(fd)}.
	 * @param fd an open descriptor
	 * @throws IOException if the call failed
	 */
	void closeDescriptor(int fd) throws IOException;

	/**
	 * {@code shutdown(fd, SHUT_RD)}: on a listening socket, stop listening for every
	 * process that holds it; connections not accepted yet are reset, new ones refused.
	 * @param fd a socket
	 * @throws IOException if the call failed
	 */
	void shutdownReading(int fd) throws IOException;

	/**
	 * The implementation this JVM can use: FFM on JDK 22 and later, else JNA.
	 * @return it, or empty when there is none
	 */
	static Optional<FileDescriptors> detect() {
		return NativeImplementations.detect(FileDescriptors.class, "dev.oslo.service.process.FfmFileDescriptors",
				"dev.oslo.service.process.JnaFileDescriptors", FileDescriptors.class.getClassLoader());
	}

}
