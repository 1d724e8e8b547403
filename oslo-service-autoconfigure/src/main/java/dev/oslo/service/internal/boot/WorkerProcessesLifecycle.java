package dev.oslo.service.internal.boot;

import dev.oslo.service.LauncherRuntime;
import dev.oslo.service.ProcessLauncher;
import dev.oslo.service.ServiceStartException;

/**
 * In a multi-process master, spawns the worker JVMs when the application context starts
 * and waits until each is ready; stops them when it closes. When the workers cannot be
 * kept running (a slot exceeded its restart limit) the {@link LauncherRuntime} shuts the
 * master down with status 1.
 *
 * @since 0.1.0
 */
public final class WorkerProcessesLifecycle extends LaunchingLifecycle {

	private final ProcessLauncher launcher;

	private final int workers;

	/**
	 * Create the lifecycle of a master's workers.
	 * @param launcher the master's launcher
	 * @param runtime the launcher's runtime
	 * @param workers how many worker JVMs to run
	 */
	public WorkerProcessesLifecycle(ProcessLauncher launcher, LauncherRuntime runtime, int workers) {
		super(launcher, runtime);
		this.launcher = launcher;
		this.workers = workers;
	}

	@Override
	void launch() {
		handleSignals();
		try {
			this.launcher.start(this.workers);
		}
		catch (ServiceStartException ex) {
			throw new LauncherStartupException(ex);
		}
	}

}
