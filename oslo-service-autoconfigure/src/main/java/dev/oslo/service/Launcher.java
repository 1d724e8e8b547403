package dev.oslo.service;

import java.time.Duration;

/**
 * Owns the lifecycle of a set of services: launches them, stops them gracefully under the
 * configured deadline, restarts them after the configuration changed.
 *
 * @since 0.1.0
 */
public interface Launcher {

	/**
	 * Launch a service under a name derived from its class.
	 * @param service the service to start
	 * @throws ServiceStartException if its {@code start()} failed; the launcher has then
	 * stopped every service it had started and is {@link ServiceState#FAILED}
	 */
	void launchService(ServiceBase service);

	/**
	 * Launch a service with a number of workers.
	 * @param service the service to start
	 * @param workers how many copies to run
	 * @throws IllegalArgumentException if this launcher cannot run that many workers
	 * @throws ServiceStartException if its {@code start()} failed
	 */
	void launchService(ServiceBase service, int workers);

	/**
	 * Stop every service gracefully: {@code stop()} on each, then wait for each to
	 * terminate, for at most the graceful shutdown timeout. Services still stopping then
	 * are logged and abandoned.
	 */
	void stop();

	/**
	 * Block until the launcher has stopped and every service has terminated.
	 * @throws InterruptedException if interrupted while waiting
	 */
	void await() throws InterruptedException;

	/**
	 * Apply a configuration change to the services according to the restart method:
	 * {@code reload} stops, resets and starts each service; {@code mutate} only resets
	 * them.
	 * @throws ServiceRestartException if a service failed to reset or restart; the others
	 * were still handled
	 */
	default void restart() {
		restart(snapshot().restartMethod());
	}

	/**
	 * Apply a configuration change with the given restart method rather than the
	 * configured one.
	 * @param method what to do
	 * @throws IllegalStateException unless the launcher is running
	 * @throws RuntimeException if a service or worker failed to reset or restart
	 */
	void restart(RestartMethod method);

	/**
	 * End everything at once, without waiting for work in flight: for SIGINT, or a
	 * graceful shutdown whose deadline has passed, just before the process halts. A
	 * multi-process launcher kills its workers; an in-process launcher has nothing to do,
	 * since halting the JVM ends its services.
	 */
	default void stopNow() {
	}

	/**
	 * Describe what is still stopping (services with their threads' stacks, or workers),
	 * for a log line that tells where a shutdown is stuck.
	 * @return the report, empty when nothing is stopping
	 */
	default String stoppingReport() {
		return "";
	}

	/**
	 * Whether the launcher's own machinery still answers, for a watchdog that must stop
	 * pinging a hung process: a multi-process master checks that its supervision thread
	 * runs a task within the timeout. An in-process launcher has no such thread and
	 * always answers.
	 * @param timeout how long to wait for the answer
	 * @return {@code true} when the launcher answered in time
	 */
	default boolean isResponsive(Duration timeout) {
		return true;
	}

	/**
	 * A consistent view of the launcher and its services.
	 * @return the current snapshot
	 */
	LauncherSnapshot snapshot();

}
