package dev.oslo.service;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import dev.oslo.service.internal.ProcessExit;
import dev.oslo.service.process.WorkerChannel;
import dev.oslo.service.process.WorkerIdentity;
import dev.oslo.service.systemd.NotifyTransports;
import dev.oslo.service.systemd.SystemdNotifier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What makes a launcher a well-behaved Unix process, assembled the same way for a plain
 * {@code main} ({@link Launchers#launch}) and for a Spring Boot application (the
 * auto-configuration):
 * <ul>
 * <li>signals, once {@link #installSignalHandlers()} is called: SIGTERM begins a graceful
 * shutdown bounded by the launcher's graceful shutdown timeout, SIGINT ends the process
 * at once with status 1, SIGHUP asks {@link #reloads()} for a reload;</li>
 * <li>systemd hears {@code READY=1} at {@link #ready()}, {@code RELOADING=1} around each
 * reload, {@code STOPPING=1} at {@link #stopping()}, status lines and watchdog
 * pings;</li>
 * <li>in a worker JVM, {@link #ready()} connects to the master, whose commands and whose
 * death reach the worker from then on;</li>
 * <li>in a standby worker JVM, {@link #awaitPromotion()} waits, before the services
 * start, until the master promotes it;</li>
 * <li>a master whose workers cannot be kept running shuts down with status 1.</li>
 * </ul>
 * The data flows one way: a signal reaches this runtime, which drives the launcher, which
 * drives the services; observers read the launcher's and the coordinator's snapshots.
 *
 * @since 0.1.0
 */
public final class LauncherRuntime implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(LauncherRuntime.class);

	private final Launcher launcher;

	private final SystemdReporter systemd;

	private final @Nullable MasterConnection master;

	private final ReloadCoordinator reloads;

	private final GracefulShutdown shutdown;

	private final @Nullable ConfigurationRefresher refresher;

	private final ProcessExit exit;

	private final Runnable steps;

	private final @Nullable LauncherSignals signals;

	private boolean signalsInstalled;

	private LauncherRuntime(Builder builder) {
		this.launcher = builder.launcher;
		SystemdNotifier notifier = (builder.systemd != null) ? builder.systemd
				: SystemdNotifier.fromEnvironment(System::getenv, NotifyTransports::detect);
		this.systemd = new SystemdReporter(notifier, this.launcher);
		this.master = builder.worker.map((identity) -> new MasterConnection(identity, this.launcher, this::shutDown))
			.orElse(null);
		Supplier<? extends List<? extends ReloadListener>> others = builder.listeners;
		MasterConnection link = this.master;
		this.reloads = new ReloadCoordinator(this.launcher, builder.refresher, () -> {
			List<ReloadListener> all = new ArrayList<>();
			all.add(this.systemd);
			all.addAll(others.get());
			if (link != null) {
				all.add(link);
			}
			return all;
		});
		this.shutdown = new GracefulShutdown(this.launcher, builder.exit);
		this.refresher = builder.refresher;
		this.exit = builder.exit;
		this.steps = (builder.steps != null) ? builder.steps : () -> {
			stopping();
			this.launcher.stop();
		};
		if (this.launcher instanceof ProcessLauncher processLauncher) {
			processLauncher.onFailure((reason) -> shutDown("worker supervision gave up"));
		}
		this.signals = builder.handleSignals ? new LauncherSignals(this.shutdown, this.steps, this.reloads) : null;
	}

	/**
	 * Begin assembling the runtime of a launcher.
	 * @param launcher the launcher this runtime drives
	 * @return a builder with the defaults: no configuration to re-read, systemd notified
	 * when {@code NOTIFY_SOCKET} is set, signals handled once
	 * {@link LauncherRuntime#installSignalHandlers()} is called, the shutdown stopping
	 * the launcher
	 */
	public static Builder builder(Launcher launcher) {
		return new Builder(launcher);
	}

	/**
	 * The process has work to launch (services, workers, periodic tasks): install the
	 * SIGTERM, SIGINT and SIGHUP handlers, unless the builder turned signals off. Call it
	 * before launching the work; later calls do nothing. A process with nothing to launch
	 * never calls it, so its signals stay the JVM's.
	 */
	public synchronized void installSignalHandlers() {
		if (this.signals != null && !this.signalsInstalled) {
			this.signals.install();
			this.signalsInstalled = true;
		}
	}

	/**
	 * The coordinator of this process's reloads: SIGHUP and every other trigger ask it.
	 * @return the coordinator
	 */
	public ReloadCoordinator reloads() {
		return this.reloads;
	}

	/**
	 * In a standby (a worker JVM its master keeps booted and idle), wait until the master
	 * promotes it; call it before the services start. It first warms up (a configuration
	 * re-read, the platform MBean server), and re-reads its configuration each time the
	 * master reloads while it waits. The promoted standby re-reads its configuration once
	 * more when it has not read the master's latest, as a SIGHUP would; an invalid
	 * configuration is logged and the one in force kept. A dismissed standby (the master
	 * stops, or needs fewer standbys) halts the process with status 0. Elsewhere this
	 * returns at once.
	 * @return {@code true} to go on and start the services; {@code false} when the
	 * standby was dismissed
	 */
	public boolean awaitPromotion() {
		MasterConnection link = this.master;
		if (link == null || !link.isStandby()) {
			return true;
		}
		StandbyPreparation.warmUp(this.refresher);
		Optional<WorkerChannel.Promotion> promotion;
		try {
			promotion = link.standBy(this.reloads,
					() -> StandbyPreparation.reread(this.refresher, "while standing by, after the master's reload"));
		}
		catch (InterruptedException ex) {
			// The JVM is exiting: a signal's default action, whose shutdown hook closes
			// the context that this standby is still starting.
			Thread.currentThread().interrupt();
			promotion = Optional.empty();
		}
		if (promotion.isEmpty()) {
			logger.info("Standby dismissed; exiting");
			// A halt: this thread holds the context's start-up lock, which Spring's
			// shutdown hook waits for, and an exit would wait forever for a shutdown
			// already under way (a SIGTERM that arrived while this standby booted). The
			// standby has started nothing that needs stopping.
			this.exit.halt(0);
			return false;
		}
		logger.info("Promoted to worker {} of generation {}{}", promotion.get().id(), promotion.get().generation(),
				promotion.get().refresh() ? "; re-reading the configuration" : "; its configuration is the master's");
		if (promotion.get().refresh()) {
			StandbyPreparation.reread(this.refresher, "at promotion");
		}
		return true;
	}

	/**
	 * Every service, or every worker, has started: systemd hears {@code READY=1}, a
	 * reload asked for during start-up runs now, a worker connects to its master, and the
	 * immediate exit of SIGINT gets ready in the background. Call it once.
	 */
	public void ready() {
		this.exit.prepare();
		this.systemd.ready();
		this.reloads.markReady();
		if (this.master != null) {
			this.master.open(this.reloads);
		}
	}

	/**
	 * The process begins to stop, whatever asked: reloads are no longer taken, and
	 * systemd hears {@code STOPPING=1} and, until the deadline, extensions of its stop
	 * timeout. Later calls do nothing more.
	 */
	public void stopping() {
		this.reloads.close();
		this.systemd.stopping();
	}

	/**
	 * Shut the process down gracefully, as SIGTERM does: the shutdown steps run under the
	 * graceful shutdown timeout, then the process exits (status 0, or 1 when something
	 * did not stop in time). Only the first call does anything.
	 * @param reason what asked, for the log
	 */
	public void shutDown(String reason) {
		this.reloads.close();
		this.shutdown.begin(reason, this.steps);
	}

	/**
	 * Release what this runtime holds: the previous signal handlers come back (unless a
	 * shutdown begun by a signal is in progress, so that SIGINT still exits at once),
	 * systemd's status updates end, the link to the master closes.
	 */
	@Override
	public void close() {
		this.reloads.close();
		if (this.signals != null) {
			this.signals.close();
		}
		this.systemd.close();
		if (this.master != null) {
			this.master.close();
		}
	}

	/**
	 * Assembles a {@link LauncherRuntime}.
	 *
	 * @since 0.1.0
	 */
	public static final class Builder {

		private final Launcher launcher;

		private @Nullable ConfigurationRefresher refresher;

		private Supplier<? extends List<? extends ReloadListener>> listeners = List::of;

		private @Nullable Runnable steps;

		private @Nullable SystemdNotifier systemd;

		private ProcessExit exit = ProcessExit.JVM;

		private boolean handleSignals = true;

		private Optional<WorkerIdentity> worker;

		private Builder(Launcher launcher) {
			this.launcher = Objects.requireNonNull(launcher, "launcher");
			this.worker = WorkerIdentity.current();
		}

		/**
		 * Re-read the configuration at each reload.
		 * @param refresher re-reads and checks the configuration; {@code null} to only
		 * reset the services
		 * @return this builder
		 */
		public Builder refresher(@Nullable ConfigurationRefresher refresher) {
			this.refresher = refresher;
			return this;
		}

		/**
		 * Tell these listeners about every reload: after systemd hears of it and, in a
		 * worker, before the master is answered. They are asked for at the first reload,
		 * once the services have started, so a listener may depend on the
		 * {@link ReloadCoordinator} itself.
		 * @param listeners supplies the listeners, in order
		 * @return this builder
		 */
		public Builder listeners(Supplier<? extends List<? extends ReloadListener>> listeners) {
			this.listeners = Objects.requireNonNull(listeners, "listeners");
			return this;
		}

		/**
		 * What a graceful shutdown does before the process exits; by default
		 * {@link #stopping()} and then the launcher's {@code stop()}.
		 * @param steps the shutdown's work, e.g. closing an application context
		 * @return this builder
		 */
		public Builder shutdownSteps(Runnable steps) {
			this.steps = Objects.requireNonNull(steps, "steps");
			return this;
		}

		/**
		 * How to reach systemd; by default from {@code NOTIFY_SOCKET} in the environment.
		 * @param notifier the notifier, {@link SystemdNotifier#disabled()} to tell
		 * systemd nothing
		 * @return this builder
		 */
		public Builder systemd(SystemdNotifier notifier) {
			this.systemd = Objects.requireNonNull(notifier, "notifier");
			return this;
		}

		/**
		 * How the process ends; the JVM's own exit by default. Not API: for tests that
		 * must not end their JVM.
		 * @param exit the exit
		 * @return this builder
		 */
		public Builder exit(ProcessExit exit) {
			this.exit = Objects.requireNonNull(exit, "exit");
			return this;
		}

		/**
		 * Whether {@link LauncherRuntime#installSignalHandlers()} installs the SIGTERM,
		 * SIGINT and SIGHUP handlers (on by default).
		 * @param handle {@code false} to leave the signals to the JVM
		 * @return this builder
		 */
		public Builder signals(boolean handle) {
			this.handleSignals = handle;
			return this;
		}

		/**
		 * Assemble the runtime; its signal handlers wait for
		 * {@link LauncherRuntime#installSignalHandlers()}.
		 * @return the runtime
		 */
		public LauncherRuntime build() {
			return new LauncherRuntime(this);
		}

	}

}
