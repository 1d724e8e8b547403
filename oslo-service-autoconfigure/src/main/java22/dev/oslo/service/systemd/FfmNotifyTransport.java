package dev.oslo.service.systemd;

import java.io.IOException;
import java.lang.foreign.Arena;
import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.MemoryLayout;
import java.lang.foreign.MemorySegment;
import java.lang.foreign.StructLayout;
import java.lang.foreign.SymbolLookup;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;
import java.lang.invoke.VarHandle;

/**
 * Sends notifications through the Foreign Function and Memory API (final in JDK 22): the
 * C library's {@code socket}, {@code sendto} and {@code close}, with no dependency.
 * Compiled only when the build runs on JDK 22 or later, and loaded by name only on such a
 * JVM.
 */
final class FfmNotifyTransport implements NotifyTransport {

	private static final int SOCK_DGRAM = 2;

	private static final int SOCK_CLOEXEC = 0x80000;

	/**
	 * Never block: a full systemd queue drops the notification instead of stalling the
	 * sender.
	 */
	private static final int SOCK_NONBLOCK = 0x800;

	/** Do not raise SIGPIPE when systemd has gone away. */
	private static final int MSG_NOSIGNAL = 0x4000;

	private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();

	private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

	private final MethodHandle socket;

	private final MethodHandle sendto;

	private final MethodHandle close;

	FfmNotifyTransport() {
		Linker linker = Linker.nativeLinker();
		SymbolLookup libc = linker.defaultLookup();
		Linker.Option errno = Linker.Option.captureCallState("errno");
		this.socket = linker.downcallHandle(libc.find("socket").orElseThrow(), FunctionDescriptor
			.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), errno);
		this.sendto = linker
			.downcallHandle(libc.find("sendto").orElseThrow(),
					FunctionDescriptor.of(ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS,
							ValueLayout.JAVA_LONG, ValueLayout.JAVA_INT, ValueLayout.ADDRESS, ValueLayout.JAVA_INT),
					errno);
		this.close = linker.downcallHandle(libc.find("close").orElseThrow(),
				FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT));
	}

	@Override
	public void send(NotifySocket socket, byte[] message) throws IOException {
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment state = arena.allocate(CALL_STATE);
			int fd = (int) this.socket.invokeExact(state, (int) NotifySocket.AF_UNIX,
					SOCK_DGRAM | SOCK_CLOEXEC | SOCK_NONBLOCK, 0);
			if (fd < 0) {
				throw new IOException("socket(AF_UNIX, SOCK_DGRAM) failed: " + error(state));
			}
			try {
				byte[] address = socket.address();
				MemorySegment to = arena.allocateFrom(ValueLayout.JAVA_BYTE, address);
				MemorySegment payload = arena.allocateFrom(ValueLayout.JAVA_BYTE, message);
				long sent = (long) this.sendto.invokeExact(state, fd, payload, (long) message.length, MSG_NOSIGNAL, to,
						address.length);
				if (sent < 0) {
					throw new IOException("sendto(" + socket + ") failed: " + error(state));
				}
			}
			finally {
				this.close.invoke(fd);
			}
		}
		catch (IOException | RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IOException("A native call failed: " + ex, ex);
		}
	}

	private static String error(MemorySegment state) {
		return Errno.describe((int) ERRNO.get(state, 0L));
	}

	@Override
	public String name() {
		return "FFM";
	}

}
