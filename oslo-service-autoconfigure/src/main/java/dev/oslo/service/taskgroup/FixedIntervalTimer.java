package dev.oslo.service.taskgroup;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A timer loop on the monotonic clock: run, then sleep whatever is left of the interval. Stopping
 * ends the current sleep at once.
 */
final class FixedIntervalTimer {

	private static final Logger logger = LoggerFactory.getLogger(FixedIntervalTimer.class);

	private final String groupName;

	private final long intervalNanos;

	private final long initialDelayNanos;

	private final Runnable callback;

	private final CountDownLatch stopped = new CountDownLatch(1);

	FixedIntervalTimer(String groupName, Duration interval, Duration initialDelay, Runnable callback) {
		this.groupName = groupName;
		this.intervalNanos = interval.toNanos();
		this.initialDelayNanos = initialDelay.toNanos();
		this.callback = callback;
	}

	void run() {
		long delay = this.initialDelayNanos;
		while (sleep(delay)) {
			long started = System.nanoTime();
			runOnce();
			long elapsed = System.nanoTime() - started;
			if (elapsed > this.intervalNanos) {
				logger.warn("Timer of task group '{}' ran for {} ms, longer than its interval of {} ms", this.groupName,
						TimeUnit.NANOSECONDS.toMillis(elapsed), TimeUnit.NANOSECONDS.toMillis(this.intervalNanos));
			}
			delay = Math.max(0, this.intervalNanos - elapsed);
		}
	}

	void stop() {
		this.stopped.countDown();
	}

	private void runOnce() {
		try {
			this.callback.run();
		}
		catch (RuntimeException ex) {
			logger.error("Timer of task group '{}' failed; it keeps running", this.groupName, ex);
		}
	}

	private boolean sleep(long nanos) {
		try {
			return !this.stopped.await(nanos, TimeUnit.NANOSECONDS);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

}
