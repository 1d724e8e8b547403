package dev.oslo.service.process;

import java.time.Duration;
import java.util.Objects;

/**
 * How a master supervises its workers.
 *
 * @param bootTimeout how long a new worker may take to report READY before it is killed
 * and counted as a failure; twice as long (up to 4 times) after its slot missed it
 * @param respawnDelay the back-off before the first respawn of a slot; it doubles with
 * each further respawn
 * @param maxRespawnDelay the longest back-off
 * @param respawnResetAfter how long a worker must stay up for its slot's back-off to
 * start again from {@code respawnDelay}
 * @param maxRestarts how many respawns of one slot are allowed within
 * {@code restartWindow}; one more and the master gives up
 * @param restartWindow the window over which respawns are counted
 * @param heartbeatTimeout how long a ready worker may send nothing before it is taken for
 * hung: its thread stacks are logged, then it is killed and respawned like a worker that
 * crashed; zero turns the check off
 * @param standby how many spare worker JVMs to keep booted and idle, each promoted at
 * once when a worker exits or a rolling reload needs a new one
 * @since 0.1.0
 */
public record SupervisionSettings(Duration bootTimeout, Duration respawnDelay, Duration maxRespawnDelay,
		Duration respawnResetAfter, int maxRestarts, Duration restartWindow, Duration heartbeatTimeout, int standby) {

	/**
	 * How often a ready worker tells its master that it is alive.
	 */
	public static final Duration HEARTBEAT_INTERVAL = Duration.ofMillis(WorkerChannel.HEARTBEAT_MILLIS);

	/** The most standbys a master keeps: more would only hold memory. */
	public static final int MAX_STANDBY = 64;

	/**
	 * Defaults: 60 s to boot; respawn after 100 ms, doubling up to 30 s, reset after 60 s
	 * up; at most 5 respawns of a slot a minute; a worker silent for 30 s is hung; one
	 * standby.
	 */
	public static final SupervisionSettings DEFAULTS = new SupervisionSettings(Duration.ofSeconds(60),
			Duration.ofMillis(100), Duration.ofSeconds(30), Duration.ofSeconds(60), 5, Duration.ofSeconds(60),
			Duration.ofSeconds(30), 1);

	/**
	 * Check the values.
	 * @throws IllegalArgumentException if a duration is not positive, the maximum delay
	 * is below the first, {@code maxRestarts} is negative, the heartbeat timeout is
	 * neither zero nor longer than {@link #HEARTBEAT_INTERVAL}, or {@code standby} is
	 * negative or above {@value #MAX_STANDBY}
	 */
	public SupervisionSettings {
		positive("bootTimeout", bootTimeout);
		positive("respawnDelay", respawnDelay);
		positive("maxRespawnDelay", maxRespawnDelay);
		positive("respawnResetAfter", respawnResetAfter);
		positive("restartWindow", restartWindow);
		if (maxRespawnDelay.compareTo(respawnDelay) < 0) {
			throw new IllegalArgumentException(
					"maxRespawnDelay (" + maxRespawnDelay + ") must not be below respawnDelay (" + respawnDelay + ")");
		}
		if (maxRestarts < 0) {
			throw new IllegalArgumentException("maxRestarts must be 0 or more, was " + maxRestarts);
		}
		Objects.requireNonNull(heartbeatTimeout, "heartbeatTimeout");
		if (!heartbeatTimeout.isZero() && heartbeatTimeout.compareTo(HEARTBEAT_INTERVAL) <= 0) {
			throw new IllegalArgumentException(
					"heartbeatTimeout must be 0 (off) or longer than the heartbeat interval (" + HEARTBEAT_INTERVAL
							+ "), was " + heartbeatTimeout);
		}
		if (standby < 0 || standby > MAX_STANDBY) {
			throw new IllegalArgumentException("standby must be between 0 and " + MAX_STANDBY + ", was " + standby);
		}
	}

	/**
	 * A copy with another number of standbys.
	 * @param count how many spare worker JVMs to keep
	 * @return the copy
	 */
	public SupervisionSettings withStandby(int count) {
		return new SupervisionSettings(this.bootTimeout, this.respawnDelay, this.maxRespawnDelay,
				this.respawnResetAfter, this.maxRestarts, this.restartWindow, this.heartbeatTimeout, count);
	}

	private static void positive(String name, Duration value) {
		Objects.requireNonNull(value, name);
		if (value.isZero() || value.isNegative()) {
			throw new IllegalArgumentException(name + " must be positive, was " + value);
		}
	}

}
