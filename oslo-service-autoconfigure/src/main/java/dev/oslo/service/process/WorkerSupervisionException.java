package dev.oslo.service.process;

/**
 * The master could not keep its workers running: a slot exceeded its restart limit, a
 * worker of a rolling reload did not become ready, or no worker could be spawned.
 *
 * @since 0.1.0
 */
public class WorkerSupervisionException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception.
	 * @param message what happened, naming the worker
	 */
	public WorkerSupervisionException(String message) {
		super(message);
	}

}
