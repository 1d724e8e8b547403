package dev.oslo.service.internal;

import com.sun.jna.Function;

/**
 * {@link ImmediateExit} through JNA: the implementation on JDK 17 to 21. The function is
 * looked up when this is created, so that the exit itself only calls it.
 */
final class JnaImmediateExit implements ImmediateExit {

	private final Function exit = Function.getFunction("c", "_exit");

	@Override
	public void exit(int status) {
		this.exit.invokeVoid(new Object[] { status });
	}

}
