package dev.oslo.service.loopingcall;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A clock whose sleeps return at once, advance the time and are recorded.
 */
final class FakeClock implements LoopingCallClock {

	private final AtomicLong nanos = new AtomicLong();

	final List<Duration> sleeps = new CopyOnWriteArrayList<>();

	@Override
	public long nanoTime() {
		return this.nanos.get();
	}

	@Override
	public boolean sleep(Duration duration, CountDownLatch stopped) {
		if (stopped.getCount() == 0) {
			return false;
		}
		this.sleeps.add(duration);
		advance(duration);
		return true;
	}

	void advance(Duration duration) {
		this.nanos.addAndGet(duration.toNanos());
	}

	static Duration seconds(double seconds) {
		return Duration.ofNanos(Math.round(seconds * 1e9));
	}

}
