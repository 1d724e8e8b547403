package dev.oslo.service;

import java.util.Objects;
import java.util.Optional;

import dev.oslo.service.process.SupervisionSettings;
import dev.oslo.service.process.WorkerIdentity;

/**
 * Launch services from a plain {@code main}, without Spring Boot (oslo's {@code launch()}).
 * <pre>{@code
 * public static void main(String[] args) throws InterruptedException {
 *     Launcher launcher = Launchers.launch(LauncherConfig.DEFAULTS, new MyService(), 1);
 *     launcher.await();
 * }
 * }</pre>
 */
public final class Launchers {

	private Launchers() {
	}

	/**
	 * Start {@code service} and return its launcher, with default supervision settings for
	 * workers.
	 * @param config the launcher's settings
	 * @param service the service to start
	 * @param workers how many copies to run: 1 runs it in this process, more makes this process the
	 * master of that many worker JVMs
	 * @return the launcher, with the service started (or every worker ready)
	 * @throws IllegalArgumentException if {@code workers} is less than 1
	 * @throws ServiceStartException if the service's {@code start()} failed, or the workers could
	 * not be kept running
	 * @see #launch(LauncherConfig, SupervisionSettings, ServiceBase, int)
	 */
	public static Launcher launch(LauncherConfig config, ServiceBase service, int workers) {
		return launch(config, SupervisionSettings.DEFAULTS, service, workers);
	}

	/**
	 * Start {@code service} and return its launcher. When the configuration handles signals,
	 * SIGTERM stops the service gracefully under the configured timeout and ends the process,
	 * SIGINT ends it at once with status 1, and SIGHUP calls the service's {@code reset()} (there is
	 * no configuration to re-read outside Spring).
	 * <p>
	 * With more than one worker this process becomes the master: it runs the same command line
	 * again for each worker, where this method runs the service in process and connects to the
	 * master. A worker so started ignores {@code workers}.
	 * @param config the launcher's settings
	 * @param supervision how a master supervises its workers
	 * @param service the service to start
	 * @param workers how many copies to run
	 * @return the launcher, with the service started (or every worker ready)
	 * @throws IllegalArgumentException if {@code workers} is less than 1
	 * @throws ServiceStartException if the service's {@code start()} failed, or the workers could
	 * not be kept running
	 */
	public static Launcher launch(LauncherConfig config, SupervisionSettings supervision, ServiceBase service,
			int workers) {
		Objects.requireNonNull(config, "config");
		Objects.requireNonNull(supervision, "supervision");
		Objects.requireNonNull(service, "service");
		if (workers < 1) {
			throw new IllegalArgumentException("workers must be at least 1, was " + workers);
		}
		Optional<WorkerIdentity> worker = WorkerIdentity.current();
		if (workers > 1 && worker.isEmpty()) {
			ProcessLauncher master = new ProcessLauncher(() -> config, () -> supervision);
			ReloadCoordinator reloads = new ReloadCoordinator(master, null);
			GracefulShutdown shutdown = handleSignals(config, master, reloads);
			master.onFailure((reason) -> shutdown.begin("worker supervision gave up", master::stop));
			master.launchService(service, workers);
			reloads.markReady();
			return master;
		}
		ServiceLauncher launcher = new ServiceLauncher(config);
		ReloadCoordinator reloads = new ReloadCoordinator(launcher, null);
		GracefulShutdown shutdown = handleSignals(config, launcher, reloads);
		launcher.launchService(service);
		reloads.markReady();
		worker.ifPresent((identity) -> WorkerControl.connect(identity, shutdown, launcher::stop, reloads));
		return launcher;
	}

	private static GracefulShutdown handleSignals(LauncherConfig config, Launcher launcher, ReloadCoordinator reloads) {
		GracefulShutdown shutdown = new GracefulShutdown(launcher, ProcessExit.JVM);
		if (config.handleSignals()) {
			new LauncherSignals(shutdown, launcher::stop, reloads).install();
		}
		return shutdown;
	}

}
