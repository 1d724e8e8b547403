package dev.oslo.service.internal;

import java.util.concurrent.atomic.AtomicBoolean;

import org.jspecify.annotations.Nullable;

/**
 * How {@link ProcessExit#JVM} halts: through the C library's {@code _exit} once it has
 * been linked, else with {@link Runtime#halt}, which waits up to 300 ms for the threads
 * in native code (see {@link ImmediateExit}). The linking runs on a thread of its own
 * when {@link #prepare()} is called, so that neither the start-up nor the halt waits for
 * it.
 */
final class FastHalt {

	private static final AtomicBoolean prepared = new AtomicBoolean();

	private static volatile @Nullable ImmediateExit immediate;

	private FastHalt() {
	}

	/**
	 * Link {@code _exit} in the background; later calls do nothing.
	 */
	static void prepare() {
		if (prepared.compareAndSet(false, true)) {
			Thread linker = new Thread(() -> immediate = ImmediateExit.detect().orElse(null), "oslo-exit-link");
			linker.setDaemon(true);
			linker.start();
		}
	}

	/**
	 * Whether {@code _exit} has been linked, so that a halt ends the process at once.
	 * @return {@code true} once {@link #prepare()} has linked it
	 */
	static boolean isReady() {
		return immediate != null;
	}

	/**
	 * End the process at once, after flushing the standard streams.
	 * @param status the exit status
	 */
	static void halt(int status) {
		System.out.flush();
		System.err.flush();
		ImmediateExit now = immediate;
		if (now != null) {
			now.exit(status);
		}
		Runtime.getRuntime().halt(status);
	}

}
