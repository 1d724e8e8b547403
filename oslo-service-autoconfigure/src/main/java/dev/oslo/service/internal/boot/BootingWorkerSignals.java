package dev.oslo.service.internal.boot;

import dev.oslo.service.process.WorkerIdentity;
import dev.oslo.service.signal.SignalDispatcher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.context.event.ApplicationEnvironmentPreparedEvent;
import org.springframework.context.ApplicationListener;

/**
 * In a worker or standby JVM, from the moment its environment is ready until the launcher
 * takes the signals over: SIGTERM ends the JVM with status 0 once its start-up has ended,
 * its shutdown hooks having closed the context.
 * <p>
 * A master stops a worker that has not connected yet with SIGTERM (it has no other way to
 * reach it), and counts any other status as a worker that did not stop cleanly. The JVM's
 * own handling would end it with status 143. The exit runs on a thread of its own: the
 * start-up thread goes on until the context is refreshed, which Spring's shutdown hook
 * waits for.
 *
 * @since 0.1.0
 */
public final class BootingWorkerSignals implements ApplicationListener<ApplicationEnvironmentPreparedEvent> {

	private static final Logger logger = LoggerFactory.getLogger(BootingWorkerSignals.class);

	@Override
	public void onApplicationEvent(ApplicationEnvironmentPreparedEvent event) {
		if (WorkerIdentity.current().isPresent()
				&& event.getEnvironment().getProperty("oslo.service.signals.enabled", Boolean.class, true)) {
			new SignalDispatcher("oslo-boot-signal").onSignal("TERM", () -> {
				logger.info("SIGTERM while starting: exiting with status 0 once the start-up has ended");
				System.exit(0);
			});
		}
	}

}
