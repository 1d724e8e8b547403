package dev.oslo.service;

import java.util.Objects;

import dev.oslo.service.signal.SignalDispatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * oslo's shutdown signals: SIGTERM begins a {@link GracefulShutdown}, SIGINT ends the process at
 * once with status 1, without waiting for work in flight.
 */
public final class ShutdownSignals implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(ShutdownSignals.class);

	private final SignalDispatcher dispatcher = new SignalDispatcher("oslo-signal");

	private final GracefulShutdown shutdown;

	private final Runnable steps;

	private final ProcessExit exit;

	/**
	 * Prepare the handlers; {@link #install()} puts them in place.
	 * @param shutdown the shutdown that SIGTERM begins
	 * @param steps the work of that shutdown
	 * @param exit how SIGINT ends the process
	 */
	public ShutdownSignals(GracefulShutdown shutdown, Runnable steps, ProcessExit exit) {
		this.shutdown = Objects.requireNonNull(shutdown, "shutdown");
		this.steps = Objects.requireNonNull(steps, "steps");
		this.exit = Objects.requireNonNull(exit, "exit");
	}

	/**
	 * Install the SIGTERM and SIGINT handlers. A signal that cannot be handled is logged as a
	 * warning and keeps its previous behaviour.
	 * @return whether both handlers were installed
	 */
	public boolean install() {
		boolean term = this.dispatcher.onSignal("TERM", () -> this.shutdown.begin("SIGTERM", this.steps));
		boolean interrupt = this.dispatcher.onSignalImmediately("INT", () -> {
			logger.warn("SIGINT: exiting immediately with status 1");
			this.exit.halt(1);
		});
		return term && interrupt;
	}

	/**
	 * Restore the previous handlers, unless a shutdown begun by a signal is in progress: then the
	 * handlers stay until the process ends, so that SIGINT still exits at once.
	 */
	@Override
	public void close() {
		if (!this.shutdown.hasBegun()) {
			this.dispatcher.close();
		}
	}

}
