package dev.oslo.service.loopingcall;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;

import org.jspecify.annotations.Nullable;

/**
 * Calls a function that says how long to sleep before its next call, capped by a maximum
 * interval that is also used when it says nothing (oslo's {@code DynamicLoopingCall}).
 * After a failure that does not stop the loop it sleeps the maximum interval, where oslo
 * retried at once.
 *
 * @since 0.1.0
 */
public class DynamicLoopingCall extends LoopingCall {

	private final DynamicLoopingTask task;

	private @Nullable Duration maxInterval;

	/**
	 * Create the call, run on a daemon thread of its own.
	 * @param name names the call in logs and its thread
	 * @param task the function
	 */
	public DynamicLoopingCall(String name, DynamicLoopingTask task) {
		this(name, task, daemonThreads(name), LoopingCallClock.SYSTEM);
	}

	/**
	 * Create the call.
	 * @param name names the call in logs
	 * @param task the function
	 * @param threadFactory makes the thread the loop runs on
	 * @param clock the clock and sleep of the loop
	 */
	public DynamicLoopingCall(String name, DynamicLoopingTask task, ThreadFactory threadFactory,
			LoopingCallClock clock) {
		super(name, threadFactory, clock);
		this.task = Objects.requireNonNull(task, "task");
	}

	/**
	 * Start the loop.
	 * @param initialDelay the time before the first call
	 * @param maxInterval caps the sleeps, and is slept when the function returns
	 * {@code null}; {@code null} for no cap, in which case a {@code null} return fails
	 * the loop
	 * @param stopOnException whether an exception ends the loop; otherwise it is logged
	 * @return this call
	 */
	public synchronized DynamicLoopingCall start(Duration initialDelay, @Nullable Duration maxInterval,
			boolean stopOnException) {
		if (maxInterval != null) {
			requireNotNegative("maxInterval", maxInterval);
		}
		this.maxInterval = maxInterval;
		startLoop(initialDelay, stopOnException);
		return this;
	}

	@Override
	protected @Nullable Object call() throws Exception {
		return this.task.run();
	}

	@Override
	protected Duration idleFor(@Nullable Object result, boolean failed, Duration elapsed) {
		Duration max = this.maxInterval;
		if (failed) {
			return (max != null) ? max : Duration.ZERO;
		}
		if (result == null) {
			if (max == null) {
				throw new IllegalStateException("Dynamic looping call '" + name()
						+ "' returned no interval and has no maximum interval to use instead");
			}
			return max;
		}
		Duration requested = ((Duration) result).isNegative() ? Duration.ZERO : (Duration) result;
		return (max != null && requested.compareTo(max) > 0) ? max : requested;
	}

}
