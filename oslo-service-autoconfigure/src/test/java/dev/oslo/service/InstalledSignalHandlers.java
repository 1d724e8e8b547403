package dev.oslo.service;

import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * The handlers the JVM has in place for a signal, read without changing them: a no-op
 * Java handler stands in for an instant (never {@code SIG_DFL} or {@code SIG_IGN}, which
 * a signal arriving then would act on, or which could not be undone).
 */
public final class InstalledSignalHandlers {

	private InstalledSignalHandlers() {
	}

	/**
	 * The handler in place, as {@code sun.misc.Signal} hands it out: the JVM's own
	 * handlers come wrapped anew at each call, and the wrapper puts the original back
	 * when installed.
	 * @param name the signal's name without {@code SIG}, e.g. {@code TERM}
	 * @return the handler
	 */
	public static SignalHandler current(String name) {
		Signal signal = new Signal(name);
		SignalHandler current = Signal.handle(signal, (received) -> {
		});
		Signal.handle(signal, current);
		return current;
	}

	/**
	 * What the handler in place is, to tell handlers apart: its text names the handler a
	 * wrapper wraps.
	 * @param name the signal's name without {@code SIG}
	 * @return the handler's text
	 */
	public static String describe(String name) {
		return current(name).toString();
	}

}
