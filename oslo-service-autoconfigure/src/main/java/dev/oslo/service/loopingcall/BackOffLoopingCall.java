package dev.oslo.service.loopingcall;

import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.concurrent.ThreadFactory;

import org.jspecify.annotations.Nullable;

/**
 * Calls a function again and again, sleeping longer after each error and returning to the
 * starting interval after a success (oslo's {@code BackOffLoopingCall}).
 * <p>
 * Each sleep is multiplied by a jitter {@code j = |sample(jitter, 0.1)|}. After a success
 * the sleep is {@code startingInterval * j}. After an error it is
 * {@code interval * 2 * j}, kept between {@code minInterval} and {@code maxInterval}, and
 * the interval grows to {@code interval * 2 * jitter}. The timeout counts only the time
 * slept after errors since the last success: when the next sleep would pass it, the loop
 * fails with {@link LoopingCallTimeoutException}. An exception of the function ends the
 * loop.
 *
 * @since 0.1.0
 */
public class BackOffLoopingCall extends LoopingCall {

	private static final double STANDARD_DEVIATION = 0.1;

	private final BackOffLoopingTask task;

	private final JitterSource jitterSource;

	private Settings settings = Settings.DEFAULTS;

	private double intervalSeconds;

	private double errorSeconds;

	/**
	 * Create the call, run on a daemon thread of its own with a random jitter.
	 * @param name names the call in logs and its thread
	 * @param task the function
	 */
	public BackOffLoopingCall(String name, BackOffLoopingTask task) {
		this(name, task, daemonThreads(name), LoopingCallClock.SYSTEM, JitterSource.GAUSSIAN);
	}

	/**
	 * Create the call.
	 * @param name names the call in logs
	 * @param task the function
	 * @param threadFactory makes the thread the loop runs on
	 * @param clock the clock and sleep of the loop
	 * @param jitterSource where the jitter comes from
	 */
	public BackOffLoopingCall(String name, BackOffLoopingTask task, ThreadFactory threadFactory, LoopingCallClock clock,
			JitterSource jitterSource) {
		super(name, threadFactory, clock);
		this.task = Objects.requireNonNull(task, "task");
		this.jitterSource = Objects.requireNonNull(jitterSource, "jitterSource");
	}

	/**
	 * Start with oslo's defaults: starting interval 1 s, timeout 300 s, maximum interval
	 * 300 s, jitter 0.75, minimum interval 1 ms.
	 * @return this call
	 */
	public BackOffLoopingCall start() {
		return start(Settings.DEFAULTS);
	}

	/**
	 * Start the loop.
	 * @param settings the back-off settings
	 * @return this call
	 */
	public synchronized BackOffLoopingCall start(Settings settings) {
		this.settings = Objects.requireNonNull(settings, "settings");
		this.intervalSeconds = seconds(settings.startingInterval());
		this.errorSeconds = 0;
		startLoop(settings.initialDelay(), true);
		return this;
	}

	@Override
	protected @Nullable Object call() throws Exception {
		return this.task.run();
	}

	@Override
	protected Duration idleFor(@Nullable Object result, boolean failed, Duration elapsed) {
		double jitter = Math.abs(this.jitterSource.sample(this.settings.jitter(), STANDARD_DEVIATION));
		if (Boolean.TRUE.equals(result)) {
			this.intervalSeconds = seconds(this.settings.startingInterval());
			this.errorSeconds = 0;
			return duration(this.intervalSeconds * jitter);
		}
		double min = seconds(this.settings.minInterval());
		double idle = Math.min(Math.max(this.intervalSeconds * 2 * jitter, min), seconds(this.settings.maxInterval()));
		this.intervalSeconds = Math.max(this.intervalSeconds * 2 * this.settings.jitter(), min);
		double timeout = seconds(this.settings.timeout());
		if (timeout > 0 && this.errorSeconds + idle > timeout) {
			throw new LoopingCallTimeoutException(String.format(Locale.ROOT,
					"Looping call '%s' timed out after %.2f seconds of back-off", name(), this.errorSeconds));
		}
		this.errorSeconds += idle;
		return duration(idle);
	}

	private static double seconds(Duration duration) {
		return duration.toNanos() / 1e9;
	}

	private static Duration duration(double seconds) {
		return Duration.ofNanos(Math.round(seconds * 1e9));
	}

	/**
	 * How a {@link BackOffLoopingCall} backs off.
	 *
	 * @param initialDelay the time before the first call
	 * @param startingInterval the sleep after a success (times the jitter), and where the
	 * back-off starts
	 * @param timeout the most time slept after errors in a row; zero for no limit
	 * @param maxInterval the longest sleep
	 * @param jitter the mean of the jitter factor, and the growth factor of the interval
	 * (times 2)
	 * @param minInterval the shortest sleep after an error
	 */
	public record Settings(Duration initialDelay, Duration startingInterval, Duration timeout, Duration maxInterval,
			double jitter, Duration minInterval) {

		/** oslo's defaults. */
		public static final Settings DEFAULTS = new Settings(Duration.ZERO, Duration.ofSeconds(1),
				Duration.ofSeconds(300), Duration.ofSeconds(300), 0.75, Duration.ofMillis(1));

		/**
		 * Check the values.
		 */
		public Settings {
			requireNotNegative("initialDelay", initialDelay);
			requireNotNegative("startingInterval", startingInterval);
			requireNotNegative("timeout", timeout);
			requireNotNegative("maxInterval", maxInterval);
			requireNotNegative("minInterval", minInterval);
			if (jitter <= 0) {
				throw new IllegalArgumentException("jitter must be positive, was " + jitter);
			}
		}

		/**
		 * A copy with another starting interval.
		 * @param value the new value
		 * @return the copy
		 */
		public Settings withStartingInterval(Duration value) {
			return new Settings(this.initialDelay, value, this.timeout, this.maxInterval, this.jitter,
					this.minInterval);
		}

		/**
		 * A copy with another timeout.
		 * @param value the new value; zero for none
		 * @return the copy
		 */
		public Settings withTimeout(Duration value) {
			return new Settings(this.initialDelay, this.startingInterval, value, this.maxInterval, this.jitter,
					this.minInterval);
		}

		/**
		 * A copy with another maximum interval.
		 * @param value the new value
		 * @return the copy
		 */
		public Settings withMaxInterval(Duration value) {
			return new Settings(this.initialDelay, this.startingInterval, this.timeout, value, this.jitter,
					this.minInterval);
		}

		/**
		 * A copy with another initial delay.
		 * @param value the new value
		 * @return the copy
		 */
		public Settings withInitialDelay(Duration value) {
			return new Settings(value, this.startingInterval, this.timeout, this.maxInterval, this.jitter,
					this.minInterval);
		}

	}

}
