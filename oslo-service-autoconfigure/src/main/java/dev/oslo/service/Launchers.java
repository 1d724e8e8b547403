package dev.oslo.service;

import java.util.Objects;

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
	 * Start {@code service} and return its launcher. When the configuration handles signals,
	 * SIGTERM stops the service gracefully under the configured timeout and ends the process,
	 * SIGINT ends it at once with status 1, and SIGHUP calls the service's {@code reset()} (there is
	 * no configuration to re-read outside Spring).
	 * @param config the launcher's settings
	 * @param service the service to start
	 * @param workers how many copies to run; only 1 is supported until the multi-process launcher
	 * is available
	 * @return the launcher, with the service started
	 * @throws IllegalArgumentException if {@code workers} is less than 1
	 * @throws UnsupportedOperationException if {@code workers} is more than 1
	 * @throws ServiceStartException if the service's {@code start()} failed
	 */
	public static Launcher launch(LauncherConfig config, ServiceBase service, int workers) {
		Objects.requireNonNull(config, "config");
		Objects.requireNonNull(service, "service");
		if (workers < 1) {
			throw new IllegalArgumentException("workers must be at least 1, was " + workers);
		}
		if (workers > 1) {
			throw new UnsupportedOperationException("workers=" + workers
					+ " needs the multi-process launcher, which is not available yet; run with 1 worker");
		}
		ServiceLauncher launcher = new ServiceLauncher(config);
		ReloadCoordinator reloads = new ReloadCoordinator(launcher, null);
		if (config.handleSignals()) {
			new LauncherSignals(new GracefulShutdown(launcher, ProcessExit.JVM), launcher::stop, ProcessExit.JVM,
					reloads)
				.install();
		}
		launcher.launchService(service);
		reloads.markReady();
		return launcher;
	}

}
