package dev.oslo.bench.periodic;

import java.time.Duration;
import java.util.StringJoiner;

/**
 * Called at the start of every run of the 200 ms task: records {@link System#nanoTime()} of runs
 * {@code skip .. skip + runs - 1}, then does {@code work} of busy CPU work. After the last recorded
 * run it prints one line, {@code BENCH-SCHEDULE runs=<n> offsets-us=<t0>,<t1>,...}: the start of
 * each recorded run in microseconds after the first recorded one. A task never overlaps itself
 * (one scheduler thread for Spring, a lock for oslo), so no synchronisation is needed beyond the
 * volatile sink.
 */
public final class RunRecorder {

	private static volatile long sink;

	private final int skip;

	private final long[] starts;

	private final long workNanos;

	private int seen;

	public RunRecorder(int skip, int runs, Duration work) {
		this.skip = skip;
		this.starts = new long[runs];
		this.workNanos = work.toNanos();
	}

	public void run() {
		long now = System.nanoTime();
		int index = this.seen++ - this.skip;
		if (index >= 0 && index < this.starts.length) {
			this.starts[index] = now;
			if (index == this.starts.length - 1) {
				print();
			}
		}
		if (this.workNanos > 0) {
			busy(now + this.workNanos);
		}
	}

	private static void busy(long until) {
		long x = sink;
		while (System.nanoTime() < until) {
			for (int i = 0; i < 1000; i++) {
				x = x * 6364136223846793005L + 1442695040888963407L;
			}
		}
		sink = x;
	}

	private void print() {
		StringJoiner offsets = new StringJoiner(",");
		for (long start : this.starts) {
			offsets.add(Long.toString((start - this.starts[0]) / 1000));
		}
		System.out.println("BENCH-SCHEDULE runs=" + this.starts.length + " offsets-us=" + offsets);
		System.out.flush();
	}

}
