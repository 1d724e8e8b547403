package dev.oslo.service.process;

import java.io.IOException;

import com.sun.jna.LastErrorException;
import com.sun.jna.Native;

/**
 * {@link FileDescriptors} through JNA's direct mapping of the C library: the
 * implementation on JDK 17 to 21.
 */
final class JnaFileDescriptors implements FileDescriptors {

	static {
		Native.register(JnaFileDescriptors.class, "c");
	}

	private static native int dup2(int from, int to) throws LastErrorException;

	private static native int close(int fd) throws LastErrorException;

	private static native int shutdown(int fd, int how) throws LastErrorException;

	@Override
	public void duplicate(int from, int to) throws IOException {
		try {
			dup2(from, to);
		}
		catch (LastErrorException ex) {
			throw new IOException("dup2(" + from + ", " + to + ") failed: errno " + ex.getErrorCode(), ex);
		}
	}

	@Override
	public void closeDescriptor(int fd) throws IOException {
		try {
			close(fd);
		}
		catch (LastErrorException ex) {
			throw new IOException("close(" + fd + ") failed: errno " + ex.getErrorCode(), ex);
		}
	}

	@Override
	public void shutdownReading(int fd) throws IOException {
		try {
			shutdown(fd, SHUT_RD);
		}
		catch (LastErrorException ex) {
			throw new IOException("shutdown(" + fd + ", SHUT_RD) failed: errno " + ex.getErrorCode(), ex);
		}
	}

}
