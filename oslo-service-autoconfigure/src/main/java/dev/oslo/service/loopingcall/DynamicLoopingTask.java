package dev.oslo.service.loopingcall;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The function of a {@link DynamicLoopingCall}: it returns how long to sleep before the
 * next call. Throw {@link LoopingCallDone} to end the loop.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface DynamicLoopingTask {

	/**
	 * Do one round of work.
	 * @return the sleep before the next call, or {@code null} for the call's maximum
	 * interval
	 * @throws Exception to fail the round
	 */
	@Nullable Duration run() throws Exception;

}
