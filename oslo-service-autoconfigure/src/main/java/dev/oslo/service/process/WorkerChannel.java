package dev.oslo.service.process;

import java.io.IOException;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A worker's end of its control channel. It tells the master when the worker is ready and
 * that it is alive (a heartbeat every second), and carries the master's commands to the
 * worker; it answers a request for the worker's thread stacks itself, on its own thread,
 * so that an answer comes even while the worker's services are stuck. The end of the
 * stream means the master has gone (even killed with SIGKILL): the worker is then asked
 * to stop gracefully, so that no worker outlives its master by more than its own shutdown
 * deadline. A standby JVM opens its channel before its services start and
 * {@linkplain #standBy() waits} there until the master promotes it or dismisses it.
 *
 * @since 0.1.0
 */
public final class WorkerChannel implements AutoCloseable {

	/** How often a worker reports that it is alive. */
	static final long HEARTBEAT_MILLIS = 1000;

	private static final int DECIDED = -1;

	private static final Logger logger = LoggerFactory.getLogger(WorkerChannel.class);

	private volatile WorkerIdentity identity;

	private final ControlConnection connection;

	private final Commands commands;

	private final ScheduledExecutorService heartbeats;

	private final CompletableFuture<Optional<Promotion>> promotion = new CompletableFuture<>();

	/**
	 * What a waiting standby's thread has to do: re-read for a master's epoch (0 and up),
	 * or {@link #DECIDED}.
	 */
	private final BlockingQueue<Integer> standbyTasks = new LinkedBlockingQueue<>();

	private volatile boolean standingBy;

	private volatile boolean closed;

	private WorkerChannel(WorkerIdentity identity, ControlConnection connection, Commands commands) {
		this.identity = identity;
		this.connection = connection;
		this.commands = commands;
		this.heartbeats = Executors
			.newSingleThreadScheduledExecutor((runnable) -> daemon(runnable, "oslo-worker-heartbeat"));
	}

	/**
	 * Connect to the master and start listening for its commands.
	 * @param identity who this worker is, with the socket to connect to
	 * @param commands what to do when the master asks, or when it goes away
	 * @return the open channel
	 * @throws IOException if the master cannot be reached (it has probably exited)
	 */
	public static WorkerChannel open(WorkerIdentity identity, Commands commands) throws IOException {
		Objects.requireNonNull(commands, "commands");
		WorkerChannel channel = new WorkerChannel(identity, ControlConnection.connect(identity.controlSocket()),
				commands);
		daemon(channel::receive, "oslo-worker-control").start();
		return channel;
	}

	/**
	 * Tell the master that this standby has booted, and wait until the master promotes it
	 * to a slot or dismisses it (its stop command, or its end). Meanwhile, each time the
	 * master reloads, re-read the configuration on this thread, and tell the master when
	 * that succeeded, so that the promotion need not re-read it again.
	 * @param reread re-reads the configuration; {@code true} when it succeeded
	 * @return the promotion, or empty when the standby was dismissed
	 * @throws InterruptedException if interrupted while waiting
	 */
	public Optional<Promotion> standBy(BooleanSupplier reread) throws InterruptedException {
		this.standingBy = true;
		this.connection.send(ControlMessage.of(ControlMessage.Type.STANDBY));
		while (!this.promotion.isDone()) {
			int epoch = this.standbyTasks.take();
			if (epoch != DECIDED && !this.promotion.isDone() && reread.getAsBoolean()) {
				this.connection.send(new ControlMessage(ControlMessage.Type.REREAD_DONE, Integer.toString(epoch)));
			}
		}
		return this.promotion.join();
	}

	/**
	 * Tell the master that every service started; heartbeats begin.
	 */
	public void ready() {
		this.connection.send(ControlMessage.of(ControlMessage.Type.READY));
		this.heartbeats.scheduleAtFixedRate(
				() -> this.connection.send(ControlMessage.of(ControlMessage.Type.HEARTBEAT)), HEARTBEAT_MILLIS,
				HEARTBEAT_MILLIS, TimeUnit.MILLISECONDS);
	}

	/**
	 * Tell the master how a reload ended.
	 * @param error why it failed, or {@code null} when it succeeded
	 */
	public void reloaded(@Nullable String error) {
		this.connection
			.send(new ControlMessage(ControlMessage.Type.RELOADED, (error != null) ? "failed: " + error : "success"));
	}

	/**
	 * Close the channel; the master then sees this worker's end of stream.
	 */
	@Override
	public void close() {
		this.closed = true;
		this.heartbeats.shutdownNow();
		this.connection.close();
	}

	private void receive() {
		ControlMessage message;
		while ((message = this.connection.receive()) != null) {
			switch (message.type()) {
				case STOP -> {
					if (!dismissed()) {
						this.commands.stop("the master asked worker " + this.identity.id() + " to stop");
					}
				}
				case MUTATE -> this.commands.reload("the master asked worker " + this.identity.id() + " to reload");
				case PROMOTE -> promoted(message.detail());
				case REREAD -> rereadAsked(message.detail());
				case THREAD_DUMP -> sendThreadDump();
				default -> logger.debug("Ignoring {} from the master", message.type());
			}
		}
		if (!this.closed && !dismissed()) {
			logger.warn("Worker {}: the control channel to the master closed; the master has exited",
					this.identity.id());
			this.commands.stop("the master of worker " + this.identity.id() + " exited");
		}
	}

	private void sendThreadDump() {
		String stacks;
		try {
			stacks = ThreadDump.ofThisJvm();
		}
		catch (RuntimeException ex) {
			stacks = "no thread dump: " + ex;
		}
		this.connection.send(new ControlMessage(ControlMessage.Type.THREADS, stacks));
	}

	private void promoted(String detail) {
		Optional<Promotion> promotion = Promotion.decode(detail);
		if (promotion.isEmpty()) {
			logger.warn("Ignoring a malformed promotion from the master: {}", detail);
			return;
		}
		this.identity = this.identity.promotedTo(promotion.get());
		this.promotion.complete(promotion);
		this.standbyTasks.add(DECIDED);
	}

	private void rereadAsked(String detail) {
		try {
			this.standbyTasks.add(Math.max(0, Integer.parseInt(detail.trim())));
		}
		catch (NumberFormatException ex) {
			logger.warn("Ignoring a malformed request to re-read the configuration: {}", detail);
		}
	}

	/**
	 * A standby not yet promoted is dismissed rather than stopped: it has nothing to
	 * stop.
	 */
	private boolean dismissed() {
		boolean dismissed = this.standingBy && this.promotion.complete(Optional.empty());
		if (dismissed) {
			this.standbyTasks.add(DECIDED);
		}
		return dismissed;
	}

	private static Thread daemon(Runnable runnable, String name) {
		Thread thread = new Thread(runnable, name);
		thread.setDaemon(true);
		return thread;
	}

	/**
	 * The slot and generation a master gives a standby it promotes, and whether the
	 * standby must re-read its configuration first (the master has reloaded since the
	 * standby booted).
	 *
	 * @param id the slot
	 * @param generation the generation of the slot's worker
	 * @param refresh whether to re-read the configuration before the services start
	 * @since 0.1.0
	 */
	public record Promotion(int id, int generation, boolean refresh) {

		private static final String REFRESH = "refresh";

		private static final String KEEP = "keep";

		String encode() {
			return this.id + " " + this.generation + " " + (this.refresh ? REFRESH : KEEP);
		}

		static Optional<Promotion> decode(String detail) {
			String[] words = detail.trim().split(" +");
			if (words.length != 3) {
				return Optional.empty();
			}
			String refresh = words[2].toLowerCase(Locale.ROOT);
			try {
				int id = Integer.parseInt(words[0]);
				int generation = Integer.parseInt(words[1]);
				if (id < 1 || !(refresh.equals(REFRESH) || refresh.equals(KEEP))) {
					return Optional.empty();
				}
				return Optional.of(new Promotion(id, generation, refresh.equals(REFRESH)));
			}
			catch (NumberFormatException ex) {
				return Optional.empty();
			}
		}

	}

	/**
	 * What a worker does when its master asks, or when its master goes away.
	 */
	public interface Commands {

		/**
		 * Stop gracefully and exit, as after SIGTERM.
		 * @param reason why, for the log
		 */
		void stop(String reason);

		/**
		 * Re-read the configuration and reset the services in place, then report through
		 * {@link WorkerChannel#reloaded}.
		 * @param reason why, for the log
		 */
		void reload(String reason);

	}

}
