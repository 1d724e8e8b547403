package dev.oslo.service.loopingcall;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Calls a function every interval, measured from the start of one call to the start of
 * the next (oslo's {@code FixedIntervalLoopingCall}). A call that outlasts the interval
 * is logged as a warning and followed at once by the next; missed calls are not made up.
 *
 * @since 0.1.0
 */
public class FixedIntervalLoopingCall extends LoopingCall {

	private static final Logger logger = LoggerFactory.getLogger(FixedIntervalLoopingCall.class);

	private final LoopingTask task;

	private Duration interval = Duration.ZERO;

	/**
	 * Create the call, run on a daemon thread of its own.
	 * @param name names the call in logs and its thread
	 * @param task the function
	 */
	public FixedIntervalLoopingCall(String name, LoopingTask task) {
		this(name, task, daemonThreads(name), LoopingCallClock.SYSTEM);
	}

	/**
	 * Create the call.
	 * @param name names the call in logs
	 * @param task the function
	 * @param threadFactory makes the thread the loop runs on
	 * @param clock the clock and sleep of the loop
	 */
	public FixedIntervalLoopingCall(String name, LoopingTask task, ThreadFactory threadFactory,
			LoopingCallClock clock) {
		super(name, threadFactory, clock);
		this.task = Objects.requireNonNull(task, "task");
	}

	/**
	 * Call the function at once and then every {@code interval}; an exception ends the
	 * loop.
	 * @param interval the time from the start of one call to the start of the next
	 * @return this call
	 */
	public FixedIntervalLoopingCall start(Duration interval) {
		return start(interval, Duration.ZERO, true);
	}

	/**
	 * Call the function every {@code interval}.
	 * @param interval the time from the start of one call to the start of the next
	 * @param initialDelay the time before the first call
	 * @param stopOnException whether an exception ends the loop; otherwise it is logged
	 * @return this call
	 */
	public synchronized FixedIntervalLoopingCall start(Duration interval, Duration initialDelay,
			boolean stopOnException) {
		requirePositive(interval);
		this.interval = interval;
		startLoop(initialDelay, stopOnException);
		return this;
	}

	@Override
	protected @Nullable Object call() throws Exception {
		this.task.run();
		return null;
	}

	@Override
	protected Duration idleFor(@Nullable Object result, boolean failed, Duration elapsed) {
		Duration late = elapsed.minus(this.interval);
		if (late.isNegative()) {
			return this.interval.minus(elapsed);
		}
		if (!late.isZero()) {
			logger.warn("Looping call '{}' outlasted its interval of {} ms by {} ms", name(), this.interval.toMillis(),
					late.toMillis());
		}
		return Duration.ZERO;
	}

	private static void requirePositive(Duration interval) {
		if (interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException("interval must be positive, was " + interval);
		}
	}

}
