package dev.oslo.service.loopingcall;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * The time source and the sleep of looping calls: a monotonic clock, and a sleep that
 * ends early when the call is stopped. Replace it in tests to run a loop of hours in
 * milliseconds.
 *
 * @since 0.1.0
 */
public interface LoopingCallClock {

	/** {@link System#nanoTime()} and a real sleep that {@code stop()} ends at once. */
	LoopingCallClock SYSTEM = new LoopingCallClock() {

		@Override
		public long nanoTime() {
			return System.nanoTime();
		}

		@Override
		public boolean sleep(Duration duration, CountDownLatch stopped) throws InterruptedException {
			return !stopped.await(duration.toNanos(), TimeUnit.NANOSECONDS);
		}

	};

	/**
	 * The current value of a monotonic clock, in nanoseconds.
	 * @return nanoseconds since an arbitrary origin
	 */
	long nanoTime();

	/**
	 * Sleep for {@code duration}, or until {@code stopped} reaches zero.
	 * @param duration how long to sleep
	 * @param stopped counts down when the looping call is stopped
	 * @return {@code true} if the whole duration passed, {@code false} if stopped first
	 * @throws InterruptedException if the sleeping thread is interrupted
	 */
	boolean sleep(Duration duration, CountDownLatch stopped) throws InterruptedException;

}
