package dev.oslo.service.loopingcall;

/**
 * The function of a fixed-interval looping call. Throw {@link LoopingCallDone} to end the
 * loop.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface LoopingTask {

	/**
	 * Do one round of work.
	 * @throws Exception to fail the round
	 */
	void run() throws Exception;

}
