package dev.oslo.service.loopingcall;

import java.time.Duration;
import java.util.Locale;
import java.util.concurrent.ThreadFactory;

import org.jspecify.annotations.Nullable;

/**
 * A {@link FixedIntervalLoopingCall} that fails with {@link LoopingCallTimeoutException}
 * once a call ends later than {@code timeout} after the start (oslo's
 * {@code FixedIntervalWithTimeoutLoopingCall}).
 *
 * @since 0.1.0
 */
public class FixedIntervalWithTimeoutLoopingCall extends FixedIntervalLoopingCall {

	private Duration timeout = Duration.ZERO;

	/**
	 * Create the call, run on a daemon thread of its own.
	 * @param name names the call in logs and its thread
	 * @param task the function
	 */
	public FixedIntervalWithTimeoutLoopingCall(String name, LoopingTask task) {
		super(name, task);
	}

	/**
	 * Create the call.
	 * @param name names the call in logs
	 * @param task the function
	 * @param threadFactory makes the thread the loop runs on
	 * @param clock the clock and sleep of the loop
	 */
	public FixedIntervalWithTimeoutLoopingCall(String name, LoopingTask task, ThreadFactory threadFactory,
			LoopingCallClock clock) {
		super(name, task, threadFactory, clock);
	}

	/**
	 * Call the function every {@code interval} until {@code timeout} has passed.
	 * @param interval the time from the start of one call to the start of the next
	 * @param initialDelay the time before the first call
	 * @param stopOnException whether an exception ends the loop; otherwise it is logged
	 * @param timeout the time after which the loop fails; zero for none
	 * @return this call
	 */
	public synchronized FixedIntervalWithTimeoutLoopingCall start(Duration interval, Duration initialDelay,
			boolean stopOnException, Duration timeout) {
		requireNotNegative("timeout", timeout);
		this.timeout = timeout;
		start(interval, initialDelay, stopOnException);
		return this;
	}

	@Override
	protected Duration idleFor(@Nullable Object result, boolean failed, Duration elapsed) {
		Duration running = sinceStart();
		if (!this.timeout.isZero() && running.compareTo(this.timeout) > 0) {
			throw new LoopingCallTimeoutException(String.format(Locale.ROOT,
					"Looping call '%s' timed out after %.2f seconds", name(), running.toNanos() / 1e9));
		}
		return super.idleFor(result, failed, elapsed);
	}

}
