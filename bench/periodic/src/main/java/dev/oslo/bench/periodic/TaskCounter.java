package dev.oslo.bench.periodic;

import java.util.concurrent.atomic.LongAdder;

/**
 * Counts the runs of the generated tasks; every generated task method calls {@link #hit()}.
 */
public final class TaskCounter {

	private static final LongAdder runs = new LongAdder();

	private TaskCounter() {
	}

	public static void hit() {
		runs.increment();
	}

	public static long runs() {
		return runs.sum();
	}

}
