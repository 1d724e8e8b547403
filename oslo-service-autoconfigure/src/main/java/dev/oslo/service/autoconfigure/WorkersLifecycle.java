package dev.oslo.service.autoconfigure;

import dev.oslo.service.GracefulShutdown;
import dev.oslo.service.ProcessLauncher;
import dev.oslo.service.ReloadCoordinator;
import dev.oslo.service.ServiceStartException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * In a multi-process master, spawns the worker JVMs when the application context starts and waits
 * until each is ready; stops them when it closes. When the workers cannot be kept running (a slot
 * exceeded its restart limit) the master shuts down and exits with status 1.
 */
final class WorkersLifecycle extends LaunchingLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(WorkersLifecycle.class);

	private final ProcessLauncher launcher;

	private final int workers;

	WorkersLifecycle(ProcessLauncher launcher, ReloadCoordinator reloads, GracefulShutdown shutdown, Runnable steps,
			OsloServiceProperties properties) {
		super(launcher, reloads);
		this.launcher = launcher;
		this.workers = properties.getWorkers();
		launcher.onFailure((reason) -> shutdown.begin("worker supervision gave up", steps));
		reloads.addListener((result) -> {
			if (properties.getWorkers() != this.workers) {
				logger.warn("oslo.service.workers is now {}, but {} workers keep running: the number of workers "
						+ "is read at start-up only", properties.getWorkers(), this.workers);
			}
		});
	}

	@Override
	void launch() {
		try {
			this.launcher.start(this.workers);
		}
		catch (ServiceStartException ex) {
			throw new LauncherStartupException(ex);
		}
	}

}
