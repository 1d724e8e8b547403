package dev.oslo.service.process;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What one worker JVM looks like at one moment, for observers.
 *
 * @param id its slot, from 1 to the number of workers; {@value WorkerIdentity#STANDBY_ID}
 * for a standby
 * @param pid its process id
 * @param state where it is in its life
 * @param generation the rolling reload it belongs to (1 before the first)
 * @param restarts how many times its slot was respawned after an unexpected exit
 * @param startedAt when it was spawned
 * @param lastHeartbeat when it last reported, or {@code null} before its first report
 * @param exitStatus its exit status once it has exited, otherwise {@code null}
 * @param terminatedBeforeConnecting whether the master stopped it with SIGTERM, the only
 * way to reach a worker that has not connected yet; it may then end with status 143, the
 * JVM's own answer to SIGTERM while it starts
 * @since 0.1.0
 */
public record WorkerSnapshot(int id, long pid, WorkerState state, int generation, int restarts, Instant startedAt,
		@Nullable Instant lastHeartbeat, @Nullable Integer exitStatus, boolean terminatedBeforeConnecting) {

	private static final int KILLED_BY_SIGTERM = 128 + 15;

	/**
	 * Whether it has exited as it was asked to: with status 0, or killed by the SIGTERM
	 * the master sent it before it connected.
	 * @return {@code true} once it has exited cleanly
	 */
	public boolean exitedCleanly() {
		return this.exitStatus != null
				&& (this.exitStatus == 0 || (this.terminatedBeforeConnecting && this.exitStatus == KILLED_BY_SIGTERM));
	}

	/**
	 * Name this JVM for people: {@code worker 2 (pid 1234)} or
	 * {@code standby (pid 1235)}.
	 * @return the name
	 */
	public String describe() {
		return ((this.id == WorkerIdentity.STANDBY_ID) ? "standby" : "worker " + this.id) + " (pid " + this.pid + ")";
	}

}
