package dev.oslo.service;

import java.util.Objects;

import dev.oslo.service.signal.SignalDispatcher;

/**
 * oslo's signals: SIGTERM begins a {@link GracefulShutdown}; SIGINT ends the process at
 * once with status 1, without waiting for work in flight; SIGHUP asks the
 * {@link ReloadCoordinator} for a reload.
 */
final class LauncherSignals implements AutoCloseable {

	private final SignalDispatcher dispatcher = new SignalDispatcher("oslo-signal");

	private final GracefulShutdown shutdown;

	private final Runnable steps;

	private final ReloadCoordinator reloads;

	/**
	 * Prepare the handlers; {@link #install()} puts them in place.
	 * @param shutdown the shutdown that SIGTERM begins
	 * @param steps the work of that shutdown
	 * @param reloads what SIGHUP asks for a reload, and SIGTERM closes
	 */
	LauncherSignals(GracefulShutdown shutdown, Runnable steps, ReloadCoordinator reloads) {
		this.shutdown = Objects.requireNonNull(shutdown, "shutdown");
		this.steps = Objects.requireNonNull(steps, "steps");
		this.reloads = Objects.requireNonNull(reloads, "reloads");
	}

	/**
	 * Install the handlers. A signal that cannot be handled is logged as a warning and
	 * keeps its previous behaviour.
	 * @return whether every handler was installed
	 */
	boolean install() {
		boolean term = this.dispatcher.onSignal("TERM", () -> {
			this.reloads.close();
			this.shutdown.begin("SIGTERM", this.steps);
		});
		boolean interrupt = this.dispatcher.onSignalImmediately("INT", () -> this.shutdown.abort("SIGINT"));
		boolean hangUp = this.dispatcher.onSignal("HUP", () -> this.reloads.request(ReloadTrigger.SIGHUP));
		return term && interrupt && hangUp;
	}

	/**
	 * Restore the previous handlers, unless a shutdown begun by a signal is in progress:
	 * then the handlers stay until the process ends, so that SIGINT still exits at once.
	 */
	@Override
	public void close() {
		if (!this.shutdown.hasBegun()) {
			this.dispatcher.close();
		}
	}

}
