package dev.oslo.bench.cluster;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;

/**
 * The shared job: prints {@code BENCH-RUN <epoch µs> <pid>} when a run begins, then works for
 * {@code bench.work}.
 */
final class Job {

	private final Duration work;

	Job(Duration work) {
		this.work = work;
	}

	void run() {
		Instant now = Instant.now();
		System.out.println("BENCH-RUN " + (now.getEpochSecond() * 1_000_000 + now.getNano() / 1000) + " "
				+ ProcessHandle.current().pid());
		LockSupport.parkNanos(this.work.toNanos());
	}

}
