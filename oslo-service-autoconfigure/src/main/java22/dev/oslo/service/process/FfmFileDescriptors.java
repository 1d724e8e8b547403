package dev.oslo.service.process;

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
 * {@link FileDescriptors} through the Foreign Function and Memory API (final in JDK 22),
 * with no dependency. Compiled only when the build runs on JDK 22 or later, and loaded by
 * name only on such a JVM.
 */
final class FfmFileDescriptors implements FileDescriptors {

	private static final StructLayout CALL_STATE = Linker.Option.captureStateLayout();

	private static final VarHandle ERRNO = CALL_STATE.varHandle(MemoryLayout.PathElement.groupElement("errno"));

	private final MethodHandle dup2;

	private final MethodHandle close;

	private final MethodHandle shutdown;

	FfmFileDescriptors() {
		Linker linker = Linker.nativeLinker();
		SymbolLookup libc = linker.defaultLookup();
		Linker.Option errno = Linker.Option.captureCallState("errno");
		this.dup2 = linker.downcallHandle(libc.find("dup2").orElseThrow(),
				FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), errno);
		this.close = linker.downcallHandle(libc.find("close").orElseThrow(),
				FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), errno);
		this.shutdown = linker.downcallHandle(libc.find("shutdown").orElseThrow(),
				FunctionDescriptor.of(ValueLayout.JAVA_INT, ValueLayout.JAVA_INT, ValueLayout.JAVA_INT), errno);
	}

	@Override
	public void duplicate(int from, int to) throws IOException {
		call("dup2(" + from + ", " + to + ")", (state) -> (int) this.dup2.invokeExact(state, from, to));
	}

	@Override
	public void closeDescriptor(int fd) throws IOException {
		call("close(" + fd + ")", (state) -> (int) this.close.invokeExact(state, fd));
	}

	@Override
	public void shutdownReading(int fd) throws IOException {
		call("shutdown(" + fd + ", SHUT_RD)", (state) -> (int) this.shutdown.invokeExact(state, fd, SHUT_RD));
	}

	private static void call(String description, NativeCall call) throws IOException {
		try (Arena arena = Arena.ofConfined()) {
			MemorySegment state = arena.allocate(CALL_STATE);
			if (call.invoke(state) < 0) {
				throw new IOException(description + " failed: errno " + ERRNO.get(state, 0L));
			}
		}
		catch (IOException | RuntimeException | Error ex) {
			throw ex;
		}
		catch (Throwable ex) {
			throw new IOException("A native call failed: " + ex, ex);
		}
	}

	/**
	 * One C library call that returns a negative value on failure, with {@code errno}
	 * captured in the call state.
	 */
	@FunctionalInterface
	private interface NativeCall {

		int invoke(MemorySegment state) throws Throwable;

	}

}
