package dev.oslo.service.loopingcall;

/**
 * The function of a {@link BackOffLoopingCall}. Throw {@link LoopingCallDone} to end the
 * loop.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface BackOffLoopingTask {

	/**
	 * Try one round of work.
	 * @return {@code true} on success (the back-off resets), {@code false} on error (it
	 * grows)
	 * @throws Exception to end the loop with this failure
	 */
	boolean run() throws Exception;

}
