package dev.oslo.service;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

import dev.oslo.service.internal.ProcessExit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A process-wide graceful shutdown bounded by a deadline, the way SIGTERM asks for one.
 * <p>
 * {@link #begin} arms the deadline first, then runs the shutdown steps (stop the
 * services, or close the application context) and ends the process: status 0 when every
 * service terminated, 1 otherwise. When the deadline passes first, the services still
 * stopping are logged with their threads' stacks and the process is halted with status 1.
 * A timeout of zero waits forever.
 */
final class GracefulShutdown {

	private static final Logger logger = LoggerFactory.getLogger(GracefulShutdown.class);

	private final Launcher launcher;

	private final ProcessExit exit;

	private final AtomicBoolean begun = new AtomicBoolean();

	/**
	 * Create the shutdown for one launcher.
	 * @param launcher the launcher whose services are reported, and whose timeout is read
	 * when the shutdown begins
	 * @param exit how to end the process
	 */
	GracefulShutdown(Launcher launcher, ProcessExit exit) {
		this.launcher = Objects.requireNonNull(launcher, "launcher");
		this.exit = Objects.requireNonNull(exit, "exit");
	}

	/**
	 * Whether a shutdown has begun.
	 * @return {@code true} once {@link #begin} was called
	 */
	boolean hasBegun() {
		return this.begun.get();
	}

	/**
	 * End the process at once with status 1, without waiting for work in flight (SIGINT):
	 * a multi-process launcher's workers are killed first.
	 * @param reason what asked, for the log
	 */
	void abort(String reason) {
		logger.warn("{}: exiting immediately with status 1", reason);
		this.launcher.stopNow();
		this.exit.halt(1);
	}

	/**
	 * Shut the process down: arm the deadline, run the steps, end the process. The work
	 * runs on a non-daemon thread of its own, so the JVM cannot end before this shutdown
	 * decides the exit status. Only the first call does anything; later ones are logged
	 * and ignored.
	 * @param reason what asked for the shutdown, for the log (e.g. {@code SIGTERM})
	 * @param steps the work of the shutdown, e.g. stopping the launcher
	 */
	void begin(String reason, Runnable steps) {
		if (!this.begun.compareAndSet(false, true)) {
			logger.info("{}: a graceful shutdown is already in progress", reason);
			return;
		}
		Thread shutdown = new Thread(() -> shutDown(reason, steps), "oslo-shutdown");
		shutdown.setDaemon(false);
		shutdown.start();
	}

	private void shutDown(String reason, Runnable steps) {
		try {
			runSteps(reason, steps);
		}
		catch (Throwable ex) {
			logger.error("Graceful shutdown failed; exiting with status 1", ex);
			this.launcher.stopNow();
			this.exit.halt(1);
		}
	}

	private void runSteps(String reason, Runnable steps) {
		Duration timeout = this.launcher.snapshot().gracefulShutdownTimeout();
		if (!timeout.isZero()) {
			startDeadline(timeout);
		}
		long started = System.nanoTime();
		logger.info("{}: stopping gracefully (graceful shutdown timeout {})", reason,
				ServiceLauncher.describe(timeout));
		try {
			steps.run();
		}
		catch (RuntimeException ex) {
			logger.error("Graceful shutdown failed", ex);
		}
		LauncherSnapshot snapshot = this.launcher.snapshot();
		List<String> unfinished = snapshot.unfinished();
		long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
		if (unfinished.isEmpty() && snapshot.state() != ServiceState.FAILED) {
			logger.info("Stopped gracefully in {} ms; exiting with status 0", millis);
			this.exit.exit(0);
		}
		else {
			logger.error("Did not stop cleanly {} after {} ms (launcher {}); exiting with status 1{}", unfinished,
					millis, snapshot.state(), this.launcher.stoppingReport());
			this.launcher.stopNow();
			this.exit.halt(1);
		}
	}

	private void startDeadline(Duration timeout) {
		Thread deadline = new Thread(() -> {
			try {
				Thread.sleep(timeout.toMillis());
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			String report = this.launcher.stoppingReport();
			logger.error("Graceful shutdown timeout of {} exceeded; exiting with status 1. {}",
					ServiceLauncher.describe(timeout),
					report.isEmpty() ? "Shutdown hooks still running." : "Still stopping:" + report);
			this.launcher.stopNow();
			this.exit.halt(1);
		}, "oslo-shutdown-deadline");
		deadline.setDaemon(true);
		deadline.start();
	}

}
