package dev.oslo.service.internal;

import java.lang.foreign.FunctionDescriptor;
import java.lang.foreign.Linker;
import java.lang.foreign.ValueLayout;
import java.lang.invoke.MethodHandle;

/**
 * {@link ImmediateExit} through the Foreign Function and Memory API (final in JDK 22),
 * with no dependency. Compiled only when the build runs on JDK 22 or later, and loaded by
 * name only on such a JVM. The downcall is linked when this is created, so that the exit
 * itself only calls it.
 */
final class FfmImmediateExit implements ImmediateExit {

	private final MethodHandle exit;

	FfmImmediateExit() {
		Linker linker = Linker.nativeLinker();
		this.exit = linker.downcallHandle(linker.defaultLookup().find("_exit").orElseThrow(),
				FunctionDescriptor.ofVoid(ValueLayout.JAVA_INT));
	}

	@Override
	public void exit(int status) {
		try {
			this.exit.invokeExact(status);
		}
		catch (Throwable ex) {
			throw new IllegalStateException("_exit(" + status + ") failed", ex);
		}
	}

}
