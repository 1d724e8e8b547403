package dev.oslo.service;

/**
 * Where a service, or a launcher, is in its lifecycle. Each transition happens once:
 * {@code NEW → STARTING → RUNNING → STOPPING → TERMINATED}, and any state but
 * {@code TERMINATED} can end in {@code FAILED}.
 *
 * @since 0.1.0
 */
public enum ServiceState {

	/** Created, not started yet. */
	NEW,

	/** {@code start()} is running. */
	STARTING,

	/** {@code start()} returned and the work goes on. */
	RUNNING,

	/** {@code stop()} was called and the work is draining. */
	STOPPING,

	/** The work has finished. */
	TERMINATED,

	/**
	 * {@code start()} or {@code stop()} threw; the error is kept as the service's last
	 * error.
	 */
	FAILED

}
