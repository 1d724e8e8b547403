package dev.oslo.bench;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

import dev.oslo.service.loopingcall.LoopingCallClock;

/**
 * A {@link LoopingCallClock} whose sleep returns at once: the real monotonic clock, and a sleep that
 * only reports whether the call was stopped. A looping call on it runs tick after tick with no
 * waiting, so the time per tick is the loop's own bookkeeping (clock reads, interval arithmetic,
 * the stop check, the call of the task), which is what a tick costs on top of the task and the
 * sleep.
 */
public final class NoSleepClock implements LoopingCallClock {

	public static final NoSleepClock INSTANCE = new NoSleepClock();

	private NoSleepClock() {
	}

	@Override
	public long nanoTime() {
		return System.nanoTime();
	}

	@Override
	public boolean sleep(Duration duration, CountDownLatch stopped) {
		return stopped.getCount() > 0;
	}

}
