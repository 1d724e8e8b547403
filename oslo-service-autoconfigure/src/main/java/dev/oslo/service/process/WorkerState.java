package dev.oslo.service.process;

/**
 * Where a worker JVM is in its life, as its master sees it.
 *
 * @since 0.1.0
 */
public enum WorkerState {

	/**
	 * Spawned (or promoted from standby); its services are starting and it has not
	 * reported READY yet.
	 */
	STARTING,

	/**
	 * A standby: booted up to its services, idle until the master promotes it to a slot.
	 */
	STANDBY,

	/** Every service started; it reports heartbeats. */
	READY,

	/** Asked to stop; its services are draining. */
	STOPPING,

	/** The process has ended. */
	EXITED

}
