package dev.oslo.service.autoconfigure;

import dev.oslo.service.GracefulShutdown;
import dev.oslo.service.ProcessLauncher;
import dev.oslo.service.ReloadCoordinator;
import dev.oslo.service.ServiceStartException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;

/**
 * In a multi-process master, spawns the worker JVMs when the application context starts and waits
 * until each is ready; stops them when it closes. When the workers cannot be kept running (a slot
 * exceeded its restart limit) the master shuts down and exits with status 1. Same phase as the
 * in-process launcher, below the web server's.
 */
final class WorkersLifecycle implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(WorkersLifecycle.class);

	private final ProcessLauncher launcher;

	private final ReloadCoordinator reloads;

	private final int workers;

	private volatile boolean running;

	WorkersLifecycle(ProcessLauncher launcher, ReloadCoordinator reloads, GracefulShutdown shutdown, Runnable steps,
			OsloServiceProperties properties) {
		this.launcher = launcher;
		this.reloads = reloads;
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
	public void start() {
		try {
			this.launcher.start(this.workers);
		}
		catch (ServiceStartException ex) {
			throw new LauncherStartupException(ex);
		}
		this.running = true;
	}

	@Override
	public void stop() {
		this.reloads.close();
		this.launcher.stop();
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return LauncherLifecycle.PHASE;
	}

}
