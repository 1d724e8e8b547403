package dev.oslo.service.process;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;

import org.jspecify.annotations.Nullable;

import org.springframework.util.backoff.BackOffExecution;
import org.springframework.util.backoff.ExponentialBackOff;

/**
 * The respawns of one worker slot: the back-off before the next one, which doubles with
 * each respawn and starts again after a worker stayed up long enough, and the intensity
 * limit, a maximum number of respawns within a sliding window (Erlang/OTP's supervisor
 * rule).
 */
final class RestartHistory {

	private final Deque<Long> respawns = new ArrayDeque<>();

	private @Nullable BackOffExecution backOff;

	private int total;

	/**
	 * Record an unexpected exit.
	 * @param uptime how long the worker that exited had run
	 * @param nowNanos the monotonic time of the exit
	 * @return the delay before the respawn, or {@code null} when the slot has exceeded
	 * its limit
	 */
	@Nullable Duration exited(Duration uptime, long nowNanos, SupervisionSettings settings) {
		if (uptime.compareTo(settings.respawnResetAfter()) >= 0) {
			this.backOff = null;
		}
		while (!this.respawns.isEmpty() && nowNanos - this.respawns.peekFirst() > settings.restartWindow().toNanos()) {
			this.respawns.removeFirst();
		}
		this.respawns.addLast(nowNanos);
		if (this.respawns.size() > settings.maxRestarts()) {
			return null;
		}
		this.total++;
		BackOffExecution execution = this.backOff;
		if (execution == null) {
			ExponentialBackOff doubling = new ExponentialBackOff(settings.respawnDelay().toMillis(), 2.0);
			doubling.setMaxInterval(settings.maxRespawnDelay().toMillis());
			execution = doubling.start();
			this.backOff = execution;
		}
		return Duration.ofMillis(execution.nextBackOff());
	}

	/**
	 * How many respawns happened, in all.
	 */
	int total() {
		return this.total;
	}

}
