package dev.oslo.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

import dev.oslo.service.systemd.SystemdNotifier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells systemd what a launcher is doing, the way {@code Type=notify-reload} expects:
 * <ul>
 * <li>{@link #ready()}: {@code READY=1} once every service (or every worker) has started,
 * with a {@code STATUS=} such as "2 services running" or "workers 4/4 ready, generation
 * 1";</li>
 * <li>a reload: {@code RELOADING=1} with {@code MONOTONIC_USEC} when it begins,
 * {@code READY=1} when it ends, whether it was applied or rejected (the services keep
 * running either way);</li>
 * <li>{@link #stopping()}: {@code STOPPING=1}, then every second
 * {@code EXTEND_TIMEOUT_USEC} up to the graceful shutdown deadline (plus a little for the
 * JVM to exit), so that a {@code TimeoutStopSec} shorter than
 * {@code graceful-shutdown-timeout} does not kill a shutdown that is still within its
 * deadline, and a status naming what it waits for;</li>
 * <li>while running, a new {@code STATUS=} whenever the status changes (a worker
 * respawning, a failed service), and {@code WATCHDOG=1} every half watchdog timeout, only
 * while the launcher is healthy: running, nothing failed, and its own machinery
 * answering. A hung or broken process thus stops pinging and systemd restarts it.</li>
 * </ul>
 * Does nothing when the {@link SystemdNotifier} is disabled.
 */
final class SystemdReporter implements ReloadListener, AutoCloseable {

	/**
	 * How often the status is refreshed and, while stopping, the stop timeout extended.
	 */
	static final Duration STATUS_PERIOD = Duration.ofSeconds(1);

	/** Beyond the graceful shutdown deadline, the time the JVM gets to exit. */
	static final Duration EXIT_ALLOWANCE = Duration.ofSeconds(5);

	private static final Logger logger = LoggerFactory.getLogger(SystemdReporter.class);

	private final SystemdNotifier notifier;

	private final Launcher launcher;

	private final ScheduledExecutorService ticker = Executors.newSingleThreadScheduledExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "oslo-systemd");
		thread.setDaemon(true);
		return thread;
	});

	private Phase phase = Phase.STARTING;

	private @Nullable String status;

	private @Nullable String reloadError;

	private long stopDeadline;

	private boolean ticking;

	/**
	 * Create the notifier of one launcher.
	 * @param notifier how to reach systemd
	 * @param launcher whose state to report
	 */
	SystemdReporter(SystemdNotifier notifier, Launcher launcher) {
		this.notifier = Objects.requireNonNull(notifier, "notifier");
		this.launcher = Objects.requireNonNull(launcher, "launcher");
	}

	/**
	 * Every service, or every worker, has started: {@code READY=1}, and the status and
	 * watchdog begin.
	 */
	void ready() {
		if (!this.notifier.isEnabled()) {
			return;
		}
		LauncherSnapshot snapshot = this.launcher.snapshot();
		synchronized (this) {
			if (this.phase != Phase.STARTING) {
				return;
			}
			this.phase = Phase.RUNNING;
			send(List.of("READY=1"), runningStatus(snapshot));
			startTicking();
			this.notifier.watchdogTimeout()
				.ifPresent((timeout) -> every(Duration.ofMillis(Math.max(1, timeout.toMillis() / 2)),
						() -> pingWatchdog(timeout)));
		}
	}

	@Override
	public void reloadStarting(ReloadTrigger trigger) {
		synchronized (this) {
			if (this.phase != Phase.RUNNING) {
				return;
			}
			this.phase = Phase.RELOADING;
			// HotSpot's nanoTime on Linux is CLOCK_MONOTONIC, the clock systemd compares
			// this with.
			send(List.of("RELOADING=1", "MONOTONIC_USEC=" + System.nanoTime() / 1000), "reloading (" + trigger + ")");
		}
	}

	@Override
	public void reloadFinished(ReloadResult result) {
		LauncherSnapshot snapshot = this.launcher.snapshot();
		synchronized (this) {
			this.reloadError = (result.outcome() == ReloadOutcome.SUCCESS) ? null : result.error();
			if (this.phase != Phase.RELOADING) {
				return;
			}
			this.phase = Phase.RUNNING;
			send(List.of("READY=1"), runningStatus(snapshot));
		}
	}

	/**
	 * The launcher begins to stop: {@code STOPPING=1}, and the stop timeout is extended
	 * until the graceful shutdown deadline. Later calls do nothing.
	 */
	void stopping() {
		if (!this.notifier.isEnabled()) {
			return;
		}
		LauncherSnapshot snapshot = this.launcher.snapshot();
		synchronized (this) {
			if (this.phase == Phase.STOPPING) {
				return;
			}
			this.phase = Phase.STOPPING;
			Duration timeout = snapshot.gracefulShutdownTimeout();
			this.stopDeadline = timeout.isZero() ? 0 : System.nanoTime() + timeout.toNanos();
			sendStopping(List.of("STOPPING=1"), snapshot);
			startTicking();
		}
	}

	/**
	 * Stop the status updates and the watchdog.
	 */
	@Override
	public void close() {
		this.ticker.shutdownNow();
	}

	private void startTicking() {
		if (!this.ticking) {
			this.ticking = true;
			every(STATUS_PERIOD, this::tick);
		}
	}

	/**
	 * Run a task periodically on the ticker. A failure is logged and the task keeps its
	 * schedule (an executor cancels a periodic task that throws); after {@link #close()}
	 * nothing is scheduled.
	 */
	private void every(Duration period, Runnable task) {
		Runnable guarded = () -> {
			try {
				task.run();
			}
			catch (RuntimeException ex) {
				logger.warn("systemd notification failed; trying again in {} ms", period.toMillis(), ex);
			}
		};
		try {
			this.ticker.scheduleAtFixedRate(guarded, period.toMillis(), period.toMillis(), TimeUnit.MILLISECONDS);
		}
		catch (RejectedExecutionException ex) {
			logger.debug("systemd notifier already closed", ex);
		}
	}

	private void tick() {
		LauncherSnapshot snapshot = this.launcher.snapshot();
		synchronized (this) {
			if (this.phase == Phase.RUNNING) {
				String current = runningStatus(snapshot);
				if (!current.equals(this.status)) {
					send(List.of(), current);
				}
			}
			else if (this.phase == Phase.STOPPING && (this.stopDeadline == 0 || left() > 0)) {
				sendStopping(List.of(), snapshot);
			}
		}
	}

	private void pingWatchdog(Duration timeout) {
		boolean responsive = this.launcher.isResponsive(timeout.dividedBy(4));
		LauncherSnapshot snapshot = this.launcher.snapshot();
		boolean healthy = responsive && snapshot.state() == ServiceState.RUNNING && !snapshot.hasFailed();
		synchronized (this) {
			if (healthy && (this.phase == Phase.RUNNING || this.phase == Phase.RELOADING)) {
				this.notifier.send(List.of("WATCHDOG=1"));
			}
		}
	}

	private void sendStopping(List<String> fields, LauncherSnapshot snapshot) {
		List<String> message = new ArrayList<>(fields);
		Duration extension = EXIT_ALLOWANCE;
		Duration left = null;
		if (this.stopDeadline != 0) {
			left = Duration.ofNanos(left());
			extension = extension.plus(left);
		}
		message.add("EXTEND_TIMEOUT_USEC=" + extension.toNanos() / 1000);
		send(message, SystemdStatusLine.stopping(snapshot, left));
	}

	private long left() {
		return Math.max(0, this.stopDeadline - System.nanoTime());
	}

	private String runningStatus(LauncherSnapshot snapshot) {
		String running = SystemdStatusLine.running(snapshot);
		String error = this.reloadError;
		return (error != null) ? running + "; last reload failed: " + error : running;
	}

	private void send(List<String> fields, String newStatus) {
		String line = SystemdStatusLine.oneLine(newStatus);
		List<String> message = new ArrayList<>(fields);
		message.add("STATUS=" + line);
		this.status = line;
		this.notifier.send(message);
	}

	private enum Phase {

		STARTING, RUNNING, RELOADING, STOPPING

	}

}
