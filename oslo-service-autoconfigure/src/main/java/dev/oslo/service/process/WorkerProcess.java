package dev.oslo.service.process;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One worker JVM as its master sees it: the process, its control connection once the
 * worker has connected, and what the worker last reported. A standby has slot
 * {@value WorkerIdentity#STANDBY_ID} until it is {@linkplain #promote promoted}.
 */
final class WorkerProcess {

	private static final Logger logger = LoggerFactory.getLogger(WorkerProcess.class);

	private final Process process;

	private final Instant startedAt = Instant.now();

	private final CompletableFuture<Void> standingBy = new CompletableFuture<>();

	private final CompletableFuture<Void> ready = new CompletableFuture<>();

	private final BlockingQueue<String> reloads = new LinkedBlockingQueue<>();

	private final BlockingQueue<String> threadDumps = new LinkedBlockingQueue<>();

	private volatile WorkerState state = WorkerState.STARTING;

	private volatile @Nullable Instant lastHeartbeat;

	private volatile long lastHeardNanos = System.nanoTime();

	private volatile @Nullable ControlConnection connection;

	private volatile boolean retired;

	private volatile boolean terminatedBeforeConnecting;

	private volatile int id;

	private volatile int generation;

	private final AtomicInteger epoch;

	private volatile int starts;

	private volatile @Nullable Instant promotedAt;

	/**
	 * Follow a spawned JVM.
	 * @param id its slot, or {@value WorkerIdentity#STANDBY_ID} for a standby
	 * @param generation the generation it was spawned in
	 * @param epoch how many times the master had reloaded its configuration when it
	 * spawned this JVM, which read its configuration then
	 * @param process the JVM
	 */
	WorkerProcess(int id, int generation, int epoch, Process process) {
		this.id = id;
		this.generation = generation;
		this.epoch = new AtomicInteger(epoch);
		this.process = process;
		process.onExit().thenRun(() -> {
			this.state = WorkerState.EXITED;
			IllegalStateException exited = new IllegalStateException(describe() + " exited");
			this.standingBy.completeExceptionally(exited);
			this.ready.completeExceptionally(exited);
		});
	}

	int id() {
		return this.id;
	}

	int generation() {
		return this.generation;
	}

	long pid() {
		return this.process.pid();
	}

	Instant startedAt() {
		return this.startedAt;
	}

	WorkerState state() {
		return this.state;
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Whether the master ended this worker on purpose (stop, roll, kill), so its exit is
	 * no failure.
	 */
	boolean isRetired() {
		return this.retired;
	}

	CompletableFuture<Process> onExit() {
		return this.process.onExit();
	}

	CompletableFuture<Void> onReady() {
		return this.ready;
	}

	/**
	 * Completes when a standby reports that it has booted and waits.
	 */
	CompletableFuture<Void> onStandingBy() {
		return this.standingBy;
	}

	boolean isStandby() {
		return this.id == WorkerIdentity.STANDBY_ID;
	}

	/**
	 * When this JVM was promoted from standby.
	 * @return the instant, or {@code null} for a JVM spawned as a worker or a standby not
	 * yet promoted
	 */
	@Nullable Instant promotedAt() {
		return this.promotedAt;
	}

	/**
	 * How many times this JVM began to start its services: 0 while it boots, 1 once
	 * promoted; a boot deadline set for one start does not apply to the next.
	 */
	int starts() {
		return this.starts;
	}

	int exitValue() {
		return this.process.exitValue();
	}

	void connected(ControlConnection connection) {
		this.connection = connection;
	}

	/**
	 * When the worker last sent anything, on the monotonic clock of
	 * {@link System#nanoTime()}; its spawn before that.
	 */
	long lastHeardNanos() {
		return this.lastHeardNanos;
	}

	void received(ControlMessage message) {
		this.lastHeartbeat = Instant.now();
		this.lastHeardNanos = System.nanoTime();
		switch (message.type()) {
			case STANDBY -> {
				if (this.state == WorkerState.STARTING && isStandby()) {
					this.state = WorkerState.STANDBY;
				}
				this.standingBy.complete(null);
			}
			case READY -> {
				if (this.state == WorkerState.STARTING) {
					this.state = WorkerState.READY;
				}
				this.ready.complete(null);
			}
			case RELOADED -> this.reloads.add(message.detail());
			case REREAD_DONE -> reread(message.detail());
			case THREADS -> this.threadDumps.add(message.detail());
			default -> {
			}
		}
	}

	/**
	 * Wait until the worker reports READY.
	 * @return {@code true} if it did within the timeout, {@code false} if it exited or
	 * the time ran out
	 */
	boolean awaitReady(Duration timeout) throws InterruptedException {
		try {
			this.ready.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
			return true;
		}
		catch (ExecutionException | TimeoutException ex) {
			return false;
		}
	}

	/**
	 * Wait for the process to end.
	 * @param timeout how long; zero waits forever
	 * @return whether it ended
	 */
	boolean awaitExit(Duration timeout) throws InterruptedException {
		if (timeout.isZero()) {
			this.process.waitFor();
			return true;
		}
		return this.process.waitFor(timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

	/**
	 * Ask the worker to stop gracefully: over the control channel, or with SIGTERM before
	 * it has connected.
	 */
	void stop() {
		retire();
		if (!isAlive()) {
			return;
		}
		this.state = WorkerState.STOPPING;
		ControlConnection channel = this.connection;
		if (channel == null || !channel.send(ControlMessage.of(ControlMessage.Type.STOP))) {
			this.terminatedBeforeConnecting = true;
			this.process.destroy();
		}
	}

	/**
	 * Mark the worker as ended on purpose: its exit will not be respawned.
	 */
	void retire() {
		this.retired = true;
	}

	/**
	 * End the worker at once with SIGKILL.
	 */
	void kill() {
		this.process.destroyForcibly();
	}

	/**
	 * Promote this standby to a slot: it re-reads its configuration if the master has
	 * reloaded since it booted, starts its services and reports READY.
	 * @param slot the slot it fills
	 * @param generation the generation it joins
	 * @param masterEpoch the master's configuration epoch now
	 * @return whether the promotion was sent; {@code false} if the standby has gone
	 */
	boolean promote(int slot, int generation, int masterEpoch) {
		ControlConnection channel = this.connection;
		WorkerChannel.Promotion promotion = new WorkerChannel.Promotion(slot, generation,
				masterEpoch > this.epoch.get());
		if (channel == null || !channel.send(new ControlMessage(ControlMessage.Type.PROMOTE, promotion.encode()))) {
			return false;
		}
		this.id = slot;
		this.generation = generation;
		this.epoch.accumulateAndGet(masterEpoch, Math::max);
		this.starts++;
		this.promotedAt = Instant.now();
		this.state = WorkerState.STARTING;
		return true;
	}

	/**
	 * Ask this idle standby to re-read its configuration now, so that its promotion need
	 * not; its answer brings its epoch up to the master's.
	 * @param masterEpoch the master's configuration epoch now
	 * @return whether the request was sent
	 */
	boolean requestReread(int masterEpoch) {
		ControlConnection channel = this.connection;
		return this.state == WorkerState.STANDBY && channel != null
				&& channel.send(new ControlMessage(ControlMessage.Type.REREAD, Integer.toString(masterEpoch)));
	}

	private void reread(String detail) {
		try {
			int read = Integer.parseInt(detail.trim());
			if (this.epoch.getAndAccumulate(read, Math::max) < read) {
				logger.info("{} re-read the configuration of the master's reload {}", describe(), read);
			}
		}
		catch (NumberFormatException ex) {
			logger.warn("{} sent a malformed answer to a re-read: {}", describe(), detail);
		}
	}

	/**
	 * Ask the worker to re-read its configuration and reset its services, forgetting
	 * earlier answers.
	 * @return whether the request was sent
	 */
	boolean requestReload() {
		this.reloads.clear();
		ControlConnection channel = this.connection;
		return channel != null && channel.send(ControlMessage.of(ControlMessage.Type.MUTATE));
	}

	/**
	 * Wait for the worker's answer to {@link #requestReload()}.
	 * @return {@code success}, {@code failed: reason}, or {@code null} if none came in
	 * time
	 */
	@Nullable String awaitReload(Duration timeout) throws InterruptedException {
		return this.reloads.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

	/**
	 * Ask the worker for its thread stacks over the control channel, forgetting earlier
	 * answers.
	 * @return whether the request was sent; {@code false} before the worker has connected
	 * (it does once ready) or once it has gone
	 */
	boolean requestThreadDump() {
		this.threadDumps.clear();
		ControlConnection channel = this.connection;
		return channel != null && channel.send(ControlMessage.of(ControlMessage.Type.THREAD_DUMP));
	}

	/**
	 * Wait for the worker's answer to {@link #requestThreadDump()}.
	 * @return its thread stacks, or {@code null} if none came in time
	 */
	@Nullable String awaitThreadDump(Duration timeout) throws InterruptedException {
		return this.threadDumps.poll(timeout.toNanos(), TimeUnit.NANOSECONDS);
	}

	WorkerSnapshot snapshot(int restarts) {
		return new WorkerSnapshot(this.id, pid(), this.state, this.generation, restarts, this.startedAt,
				this.lastHeartbeat, isAlive() ? null : exitValue(), this.terminatedBeforeConnecting);
	}

	String describe() {
		return snapshot(0).describe();
	}

}
