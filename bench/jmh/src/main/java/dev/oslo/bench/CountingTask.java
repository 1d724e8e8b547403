package dev.oslo.bench;

import dev.oslo.service.loopingcall.LoopingCallDone;
import dev.oslo.service.loopingcall.LoopingTask;

/**
 * A no-op task that ends its loop with {@link LoopingCallDone} on its {@code ticks}-th call. The
 * same object serves the plain loop (the floor) and the looping calls, so that both call the same
 * code per tick.
 */
public final class CountingTask implements LoopingTask {

	private static final LoopingCallDone DONE = new LoopingCallDone("done");

	private final int ticks;

	private int count;

	public CountingTask(int ticks) {
		this.ticks = ticks;
	}

	/** Start counting again. */
	public CountingTask reset() {
		this.count = 0;
		return this;
	}

	/** How many times the task ran since the last reset. */
	public int count() {
		return this.count;
	}

	@Override
	public void run() {
		if (++this.count >= this.ticks) {
			throw DONE;
		}
	}

}
