package dev.oslo.service.process;

import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;

/**
 * Who a worker JVM is, as its master told it through the environment.
 *
 * @param id the worker's slot, from 1 to the number of workers; {@value #STANDBY_ID} for
 * a standby, which learns its slot when it is promoted
 * @param generation how many rolling reloads the master had run when it spawned this
 * worker, plus one
 * @param controlSocket the Unix-domain socket to connect to the master through
 * @since 0.1.0
 */
public record WorkerIdentity(int id, int generation, Path controlSocket) {

	/** The slot of a standby: none until its master promotes it. */
	public static final int STANDBY_ID = 0;

	/** The environment variable that holds the slot. */
	public static final String ID_VARIABLE = "OSLO_SERVICE_WORKER_ID";

	/** The environment variable that holds the generation. */
	public static final String GENERATION_VARIABLE = "OSLO_SERVICE_WORKER_GENERATION";

	/** The environment variable that holds the control socket's path. */
	public static final String SOCKET_VARIABLE = "OSLO_SERVICE_CONTROL_SOCKET";

	/**
	 * The identity this process was given, if a master spawned it.
	 * @return the identity, or empty in a master or a single process
	 */
	public static Optional<WorkerIdentity> current() {
		return fromEnvironment(System.getenv());
	}

	/**
	 * Read an identity from environment variables.
	 * @param environment the variables
	 * @return the identity, or empty when the variables are absent
	 * @throws IllegalStateException if they are present but malformed
	 */
	public static Optional<WorkerIdentity> fromEnvironment(Map<String, String> environment) {
		String id = environment.get(ID_VARIABLE);
		String socket = environment.get(SOCKET_VARIABLE);
		if (id == null || socket == null) {
			return Optional.empty();
		}
		try {
			return Optional.of(new WorkerIdentity(Integer.parseInt(id),
					Integer.parseInt(environment.getOrDefault(GENERATION_VARIABLE, "1")), Path.of(socket)));
		}
		catch (NumberFormatException ex) {
			throw new IllegalStateException("Malformed worker identity in the environment: " + ID_VARIABLE + "=" + id
					+ ", " + GENERATION_VARIABLE + "=" + environment.get(GENERATION_VARIABLE), ex);
		}
	}

	/**
	 * Whether this JVM is a standby: booted up to its services, idle until its master
	 * promotes it to a slot.
	 * @return {@code true} for a standby
	 */
	public boolean isStandby() {
		return this.id == STANDBY_ID;
	}

	/**
	 * The identity of this JVM once promoted.
	 * @param promotion the slot and generation the master gave it
	 * @return the identity, with the same control socket
	 */
	public WorkerIdentity promotedTo(WorkerChannel.Promotion promotion) {
		return new WorkerIdentity(promotion.id(), promotion.generation(), this.controlSocket);
	}

	/**
	 * The environment variables that pass this identity to a worker.
	 * @return the variables
	 */
	public Map<String, String> toEnvironment() {
		return Map.of(ID_VARIABLE, Integer.toString(this.id), GENERATION_VARIABLE, Integer.toString(this.generation),
				SOCKET_VARIABLE, this.controlSocket.toString());
	}

}
