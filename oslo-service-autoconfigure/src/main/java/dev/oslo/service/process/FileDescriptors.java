package dev.oslo.service.process;

import java.io.IOException;
import java.util.Optional;

import dev.oslo.service.internal.NativeImplementations;

/**
 * The two C library calls by which a master moves its listening socket onto the file
 * descriptor its workers inherit, which the JDK has no API for.
 */
interface FileDescriptors {

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
	 * The implementation this JVM can use: FFM on JDK 22 and later, else JNA.
	 * @return it, or empty when there is none
	 */
	static Optional<FileDescriptors> detect() {
		return NativeImplementations.detect(FileDescriptors.class, "dev.oslo.service.process.FfmFileDescriptors",
				"dev.oslo.service.process.JnaFileDescriptors", FileDescriptors.class.getClassLoader());
	}

}
