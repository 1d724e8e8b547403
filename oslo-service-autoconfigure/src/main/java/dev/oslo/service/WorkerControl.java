package dev.oslo.service;

import java.io.IOException;
import java.util.List;

import dev.oslo.service.process.WorkerChannel;
import dev.oslo.service.process.WorkerIdentity;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Connects a worker JVM to its master once its services have started: the master's stop command,
 * and the end of the control channel when the master dies, begin the worker's graceful shutdown;
 * its reload command runs a {@code mutate} reload through the worker's {@link ReloadCoordinator},
 * whose results go back to the master. A worker whose reload leaves a service failed then shuts
 * down (status 1), so that the master replaces it with a fresh worker as it does a crashed one;
 * the master alone could not see a failure inside a worker.
 */
public final class WorkerControl {

	private static final Logger logger = LoggerFactory.getLogger(WorkerControl.class);

	private WorkerControl() {
	}

	/**
	 * Connect to the master and report READY. When the master cannot be reached (it has exited),
	 * the worker shuts down gracefully.
	 * @param identity who this worker is
	 * @param launcher the worker's launcher, whose failed services end the worker after a reload
	 * @param shutdown the worker's graceful shutdown
	 * @param steps the work of that shutdown
	 * @param reloads the worker's reload coordinator
	 * @return the open channel, or {@code null} when the master could not be reached
	 */
	public static @Nullable WorkerChannel connect(WorkerIdentity identity, Launcher launcher, GracefulShutdown shutdown,
			Runnable steps, ReloadCoordinator reloads) {
		WorkerChannel.Commands commands = new WorkerChannel.Commands() {

			@Override
			public void stop(String reason) {
				reloads.close();
				shutdown.begin(reason, steps);
			}

			@Override
			public void reload(String reason) {
				reloads.request(reason, RestartMethod.MUTATE);
			}

		};
		WorkerChannel channel;
		try {
			channel = WorkerChannel.open(identity, commands);
		}
		catch (IOException ex) {
			logger.error("Worker {} cannot reach its master at {} ({}); it has probably exited", identity.id(),
					identity.controlSocket(), ex.getMessage());
			commands.stop("worker " + identity.id() + " has no master");
			return null;
		}
		reloads.addListener((result) -> {
			channel.reloaded((result.outcome() == ReloadOutcome.SUCCESS) ? null : String.valueOf(result.error()));
			List<String> failed = launcher.snapshot().serviceNamesIn(ServiceState.FAILED);
			if (!failed.isEmpty()) {
				logger.error("Worker {}: {} failed in the reload; exiting so that the master starts a fresh worker",
						identity.id(), failed);
				commands.stop("worker " + identity.id() + " has failed services");
			}
		});
		channel.ready();
		logger.info("Worker {} (generation {}) is ready and connected to its master", identity.id(),
				identity.generation());
		return channel;
	}

}
