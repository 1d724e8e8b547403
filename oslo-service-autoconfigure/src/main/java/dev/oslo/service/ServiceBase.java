package dev.oslo.service;

/**
 * A long-running service whose lifecycle is owned by a {@link Launcher}: oslo.service's
 * {@code ServiceBase}.
 * <p>
 * The launcher calls {@link #start()} once when it launches the service, {@link #stop()}
 * followed by {@link #awaitTermination()} when the process shuts down, and
 * {@link #reset()} after the configuration was re-read (SIGHUP). {@code stop()} and
 * {@code awaitTermination()} may block or even hang: the launcher calls them on a thread
 * of its own and abandons them when the {@code oslo.service.graceful-shutdown-timeout}
 * deadline passes.
 *
 * @since 0.1.0
 */
public interface ServiceBase {

	/**
	 * Begin the work and return promptly; long-running work belongs on the service's own
	 * threads.
	 * @throws Exception if the service cannot start: the launcher stops the services that
	 * already started and the process exits with a non-zero status
	 */
	void start() throws Exception;

	/**
	 * Ask the work to finish. May block while in-flight work drains.
	 */
	void stop();

	/**
	 * Block until the work has finished.
	 * @throws InterruptedException if the waiting thread is interrupted
	 */
	void awaitTermination() throws InterruptedException;

	/**
	 * Called after the configuration was re-read, so the service can pick up new values.
	 */
	default void reset() {
	}

}
