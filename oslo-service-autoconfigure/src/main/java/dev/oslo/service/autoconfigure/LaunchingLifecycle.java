package dev.oslo.service.autoconfigure;

import dev.oslo.service.Launcher;
import dev.oslo.service.ReloadCoordinator;

import org.springframework.context.SmartLifecycle;

/**
 * Starts a launcher's work when the application context starts and stops it when the context
 * closes. Its phase is below the web server's, so on shutdown the web server drains first. Reloads
 * stop being taken when the launcher stops.
 */
abstract class LaunchingLifecycle implements SmartLifecycle {

	/** Below Spring Boot's web server lifecycles ({@code DEFAULT_PHASE - 2048} and up). */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private final Launcher launcher;

	private final ReloadCoordinator reloads;

	private volatile boolean running;

	LaunchingLifecycle(Launcher launcher, ReloadCoordinator reloads) {
		this.launcher = launcher;
		this.reloads = reloads;
	}

	/**
	 * Start the launcher's services or workers.
	 * @throws LauncherStartupException if they could not be started
	 */
	abstract void launch();

	@Override
	public final void start() {
		launch();
		this.running = true;
	}

	@Override
	public final void stop() {
		this.reloads.close();
		this.launcher.stop();
		this.running = false;
	}

	@Override
	public final boolean isRunning() {
		return this.running;
	}

	@Override
	public final int getPhase() {
		return PHASE;
	}

}
