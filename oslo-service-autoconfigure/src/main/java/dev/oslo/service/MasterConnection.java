package dev.oslo.service;

import java.io.IOException;
import java.util.List;
import java.util.Optional;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;

import dev.oslo.service.process.WorkerChannel;
import dev.oslo.service.process.WorkerIdentity;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker JVM's link to its master, opened once the worker's services have started: the
 * master's stop command, and the end of the control channel when the master dies, begin
 * the worker's graceful shutdown; its reload command runs a {@code mutate} reload through
 * the worker's {@link ReloadCoordinator}, whose results go back to the master. A worker
 * whose reload leaves a service failed then shuts down (status 1), so that the master
 * replaces it with a fresh worker as it does a crashed one; the master alone could not
 * see a failure inside a worker.
 * <p>
 * A standby opens the link before its services start and waits there until the master
 * promotes it to a slot or dismisses it.
 */
final class MasterConnection implements ReloadListener, AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(MasterConnection.class);

	private volatile WorkerIdentity identity;

	private final Launcher launcher;

	private final Consumer<String> shutDown;

	private volatile @Nullable WorkerChannel channel;

	/**
	 * Prepare the link; {@link #open} connects.
	 * @param identity who this worker is
	 * @param launcher the worker's launcher, whose failed services end the worker after a
	 * reload
	 * @param shutDown begins the worker's graceful shutdown, given the reason
	 */
	MasterConnection(WorkerIdentity identity, Launcher launcher, Consumer<String> shutDown) {
		this.identity = identity;
		this.launcher = launcher;
		this.shutDown = shutDown;
	}

	/**
	 * Whether this JVM is a standby that has not been promoted yet.
	 */
	boolean isStandby() {
		return this.identity.isStandby();
	}

	/**
	 * In a standby: connect to the master, tell it the standby has booted, and wait for
	 * its promotion, re-reading the configuration each time the master reloads.
	 * @param reloads the worker's reload coordinator, which runs the master's reload
	 * commands once promoted
	 * @param reread re-reads the configuration; {@code true} when it succeeded
	 * @return the promotion, or empty when the master dismissed the standby or cannot be
	 * reached
	 * @throws InterruptedException if interrupted while waiting
	 */
	Optional<WorkerChannel.Promotion> standBy(ReloadCoordinator reloads, BooleanSupplier reread)
			throws InterruptedException {
		WorkerChannel open = connect(reloads);
		if (open == null) {
			return Optional.empty();
		}
		logger.info("Standby booted; waiting for its master to promote it");
		Optional<WorkerChannel.Promotion> promotion = open.standBy(reread);
		promotion.ifPresent((promoted) -> this.identity = this.identity.promotedTo(promoted));
		return promotion;
	}

	/**
	 * Connect to the master, unless this worker is a promoted standby that did already,
	 * and report READY. When the master cannot be reached (it has exited), the worker
	 * shuts down gracefully.
	 * @param reloads the worker's reload coordinator, which runs the master's reload
	 * commands
	 */
	void open(ReloadCoordinator reloads) {
		WorkerChannel open = (this.channel != null) ? this.channel : connect(reloads);
		if (open == null) {
			this.shutDown.accept("worker " + this.identity.id() + " has no master");
			return;
		}
		open.ready();
		logger.info("Worker {} (generation {}) is ready and connected to its master", this.identity.id(),
				this.identity.generation());
	}

	private @Nullable WorkerChannel connect(ReloadCoordinator reloads) {
		WorkerChannel.Commands commands = new WorkerChannel.Commands() {

			@Override
			public void stop(String reason) {
				MasterConnection.this.shutDown.accept(reason);
			}

			@Override
			public void reload(String reason) {
				reloads.request(ReloadTrigger.MASTER, RestartMethod.MUTATE);
			}

		};
		try {
			WorkerChannel open = WorkerChannel.open(this.identity, commands);
			this.channel = open;
			return open;
		}
		catch (IOException ex) {
			logger.error("Worker {} cannot reach its master at {} ({}); it has probably exited", this.identity.id(),
					this.identity.controlSocket(), ex.getMessage());
			return null;
		}
	}

	@Override
	public void reloadFinished(ReloadResult result) {
		WorkerChannel open = this.channel;
		if (open == null) {
			return;
		}
		open.reloaded((result.outcome() == ReloadOutcome.SUCCESS) ? null : String.valueOf(result.error()));
		List<String> failed = this.launcher.snapshot().serviceNamesIn(ServiceState.FAILED);
		if (!failed.isEmpty()) {
			logger.error("Worker {}: {} failed in the reload; exiting so that the master starts a fresh worker",
					this.identity.id(), failed);
			this.shutDown.accept("worker " + this.identity.id() + " has failed services");
		}
	}

	@Override
	public void close() {
		WorkerChannel open = this.channel;
		if (open != null) {
			open.close();
		}
	}

}
