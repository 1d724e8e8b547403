package dev.oslo.service.internal.boot;

import dev.oslo.service.Launcher;
import dev.oslo.service.LauncherRuntime;

import org.springframework.context.SmartLifecycle;

/**
 * Starts a launcher's work when the application context starts and stops it when the
 * context closes. Its phase is below the web server's, so on shutdown the web server
 * drains first, and on start-up a standby waits in this phase, before the web server
 * accepts and before the periodic tasks start. The signal handlers are installed only
 * when there is work to launch. Reloads stop being taken when the launcher stops.
 *
 * @since 0.1.0
 */
public abstract sealed class LaunchingLifecycle implements SmartLifecycle
		permits ServiceBeansLifecycle, WorkerProcessesLifecycle {

	/**
	 * Below Spring Boot's web server lifecycles ({@code DEFAULT_PHASE - 2048} and up).
	 */
	public static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private final Launcher launcher;

	private final LauncherRuntime runtime;

	private volatile boolean running;

	LaunchingLifecycle(Launcher launcher, LauncherRuntime runtime) {
		this.launcher = launcher;
		this.runtime = runtime;
	}

	/**
	 * Start the launcher's services or workers, after {@link #handleSignals()} if there
	 * are any.
	 * @throws LauncherStartupException if they could not be started
	 */
	abstract void launch();

	/**
	 * There is work to launch: from now on the process handles the signals.
	 */
	final void handleSignals() {
		this.runtime.installSignalHandlers();
	}

	/**
	 * Launch the work; a standby first waits here for its promotion, and a dismissed one
	 * launches nothing.
	 */
	@Override
	public final void start() {
		if (this.runtime.awaitPromotion()) {
			launch();
			this.running = true;
		}
	}

	@Override
	public final void stop() {
		this.runtime.stopping();
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
