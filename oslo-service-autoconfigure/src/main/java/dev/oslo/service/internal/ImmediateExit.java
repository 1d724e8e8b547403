package dev.oslo.service.internal;

import java.util.Optional;

/**
 * The C library's {@code _exit(2)}: the process ends at once, every thread with it.
 * <p>
 * {@link Runtime#halt} cannot promise that: HotSpot's exit waits up to 300 ms for the
 * threads that are in native code to block, and a web server always has one (its acceptor
 * sits in {@code accept()}, its pollers in {@code epoll_wait()}), so a halt of a web
 * application takes a third of a second ({@code bench/halt_probe.py}).
 */
interface ImmediateExit {

	/**
	 * End the process now with this status; nothing runs after it, no shutdown hook, no
	 * JVM clean-up.
	 * @param status the exit status
	 */
	void exit(int status);

	/**
	 * The implementation this JVM can use: FFM on JDK 22 and later, else JNA.
	 * @return it, linked and ready to call, or empty when there is none
	 */
	static Optional<ImmediateExit> detect() {
		return NativeImplementations.detect(ImmediateExit.class, "dev.oslo.service.internal.FfmImmediateExit",
				"dev.oslo.service.internal.JnaImmediateExit", ImmediateExit.class.getClassLoader());
	}

}
