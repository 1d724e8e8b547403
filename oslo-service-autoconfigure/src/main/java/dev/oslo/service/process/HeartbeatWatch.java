package dev.oslo.service.process;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.function.LongSupplier;

import dev.oslo.service.internal.DurationFormat;

/**
 * Decides which ready workers have gone silent: nothing heard from one for longer than
 * the heartbeat timeout. The master asks once per {@link #PERIOD}.
 * <p>
 * Times come from a monotonic clock ({@link System#nanoTime()} in production), which does
 * not move while the machine is suspended, so a laptop that wakes up finds no worker
 * silent. A check that comes late, because the master itself was paused (a long GC,
 * SIGSTOP, a starved CPU), finds no one silent either: the master has not yet read the
 * heartbeats that queued up meanwhile on the control channels. The next check, one period
 * later, judges on fresh news. One thread checks: the supervisor's timer.
 */
final class HeartbeatWatch {

	/** How often the master checks: as often as workers send heartbeats. */
	static final Duration PERIOD = SupervisionSettings.HEARTBEAT_INTERVAL;

	private final LongSupplier clock;

	private long previousCheck;

	/**
	 * Create a watch.
	 * @param clock a monotonic clock in nanoseconds, the one the workers' last news is
	 * read on
	 */
	HeartbeatWatch(LongSupplier clock) {
		this.clock = clock;
		this.previousCheck = clock.getAsLong();
	}

	/**
	 * Check the workers once.
	 * @param <W> how the caller names a worker
	 * @param lastHeard when each ready worker was last heard from, on the clock
	 * @param timeout the heartbeat timeout; zero checks nothing
	 * @return the workers silent for longer than the timeout, with how long they have
	 * been silent; empty when this check comes more than two periods after the previous
	 * one
	 */
	<W> Map<W, Duration> silent(Map<W, Long> lastHeard, Duration timeout) {
		long now = this.clock.getAsLong();
		boolean late = now - this.previousCheck > 2 * PERIOD.toNanos();
		this.previousCheck = now;
		Map<W, Duration> silent = new LinkedHashMap<>();
		if (timeout.isZero() || late) {
			return silent;
		}
		lastHeard.forEach((worker, heard) -> {
			Duration silence = Duration.ofNanos(now - heard);
			if (silence.compareTo(timeout) > 0) {
				silent.put(worker, silence);
			}
		});
		return silent;
	}

	/**
	 * Say what is wrong with a silent worker.
	 * @param silence how long it has been silent
	 * @param timeout the heartbeat timeout
	 * @return e.g. {@code sent no heartbeat for 31s (heartbeat timeout 30s)}
	 */
	static String describe(Duration silence, Duration timeout) {
		return "sent no heartbeat for " + DurationFormat.format(silence.truncatedTo(ChronoUnit.SECONDS))
				+ " (heartbeat timeout " + DurationFormat.format(timeout) + ")";
	}

}
