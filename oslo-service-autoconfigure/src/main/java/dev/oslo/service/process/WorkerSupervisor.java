package dev.oslo.service.process;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps N worker JVMs running: spawns them, respawns a slot whose worker exits
 * unexpectedly after a back-off that doubles per respawn, and gives up when a slot
 * exceeds its restart limit, so that the service manager (systemd, Kubernetes) takes over
 * instead of a respawn storm. It also replaces workers one slot at a time for a rolling
 * reload, asks them to reload in place, and stops or kills them all.
 *
 * @since 0.1.0
 */
public final class WorkerSupervisor implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(WorkerSupervisor.class);

	private final WorkerSpawner spawner;

	private final Supplier<SupervisionSettings> settings;

	private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor((runnable) -> {
		Thread thread = new Thread(runnable, "oslo-supervisor");
		thread.setDaemon(true);
		return thread;
	});

	private final List<Slot> slots = new ArrayList<>();

	private final Set<WorkerProcess> live = new LinkedHashSet<>();

	private final List<Consumer<String>> failureListeners = new CopyOnWriteArrayList<>();

	private int generation = 1;

	private boolean started;

	private boolean stopping;

	private @Nullable String failure;

	/**
	 * Create a supervisor.
	 * @param command how to start a worker
	 * @param settings the supervision settings, read at each decision
	 * @throws IOException if the control socket directory cannot be created
	 */
	public WorkerSupervisor(WorkerCommand command, Supplier<SupervisionSettings> settings) throws IOException {
		this(() -> command, settings);
	}

	/**
	 * Create a supervisor that asks for the command at each spawn, e.g. from a class-data
	 * archive once there is one.
	 * @param commands how to start a worker, asked each time one is spawned
	 * @param settings the supervision settings, read at each decision
	 * @throws IOException if the control socket directory cannot be created
	 */
	public WorkerSupervisor(Supplier<WorkerCommand> commands, Supplier<SupervisionSettings> settings)
			throws IOException {
		this.spawner = new WorkerSpawner(Objects.requireNonNull(commands, "commands"));
		this.settings = Objects.requireNonNull(settings, "settings");
	}

	/**
	 * Be told when the supervisor gives up after start-up: a slot exceeded its restart
	 * limit.
	 * @param listener called once, on a supervisor thread, with the reason
	 */
	public void onFailure(Consumer<String> listener) {
		this.failureListeners.add(Objects.requireNonNull(listener, "listener"));
	}

	/**
	 * Spawn the workers and wait until each has reported READY. A worker that exits or
	 * does not become ready in time is respawned under the usual limits meanwhile.
	 * @param count how many workers
	 * @throws WorkerSupervisionException if a slot exceeded its restart limit first;
	 * every worker has then been killed
	 * @throws InterruptedException if interrupted while waiting
	 */
	public void start(int count) throws InterruptedException {
		synchronized (this) {
			for (int id = 1; id <= count; id++) {
				Slot slot = new Slot(id);
				this.slots.add(slot);
				spawn(slot, this.generation);
			}
			while (this.failure == null && !this.slots.stream().allMatch(Slot::isReady)) {
				wait();
			}
			if (this.failure != null) {
				killAll();
				throw new WorkerSupervisionException(this.failure);
			}
			this.started = true;
		}
		logger.info("{} worker(s) ready: {}", count, describeAll(currentWorkers()));
	}

	/**
	 * Replace the workers one slot at a time: start a worker of the next generation, wait
	 * for its READY, then stop the one it replaces. Capacity never drops below the number
	 * of slots.
	 * @param stopTimeout how long a replaced worker may take to stop before it is killed;
	 * zero waits forever
	 * @throws WorkerSupervisionException if a new worker did not become ready; the roll
	 * stops there and the workers not yet replaced keep running
	 * @throws InterruptedException if interrupted while waiting
	 */
	public void roll(Duration stopTimeout) throws InterruptedException {
		int next;
		synchronized (this) {
			requireRunning("roll");
			next = ++this.generation;
		}
		for (Slot slot : this.slots) {
			WorkerProcess replacement;
			synchronized (this) {
				requireRunning("roll");
				replacement = spawnWorker(slot.id, next);
				watch(replacement);
			}
			Duration bootTimeout = this.settings.get().bootTimeout();
			if (!replacement.awaitReady(bootTimeout)) {
				replacement.retire();
				replacement.kill();
				throw new WorkerSupervisionException("Rolling reload stopped: " + replacement.describe()
						+ " of generation " + next + " did not become READY within " + bootTimeout.toSeconds()
						+ " s; the other workers keep running");
			}
			WorkerProcess replaced;
			synchronized (this) {
				replaced = slot.current;
				slot.replaceWith(replacement);
			}
			if (replaced != null && replaced.isAlive()) {
				logger.info("Worker {} of generation {} is ready; stopping {}", slot.id, next, replaced.describe());
				stopOrKill(List.of(replaced), stopTimeout);
			}
		}
	}

	/**
	 * Ask every ready worker to re-read its configuration and reset its services in
	 * place, and wait for their answers.
	 * @param timeout how long to wait for each answer
	 * @return the failures, one line per worker; empty when every worker reloaded
	 * @throws InterruptedException if interrupted while waiting
	 */
	public List<String> reloadInPlace(Duration timeout) throws InterruptedException {
		List<WorkerProcess> workers;
		synchronized (this) {
			requireRunning("reload");
			workers = currentWorkers().stream().filter((worker) -> worker.state() == WorkerState.READY).toList();
		}
		List<WorkerProcess> asked = workers.stream().filter(WorkerProcess::requestReload).toList();
		List<String> failures = new ArrayList<>();
		for (WorkerProcess worker : asked) {
			String answer = worker.awaitReload(timeout);
			if (answer == null) {
				failures.add(worker.describe() + ": no answer within " + timeout.toSeconds() + " s");
			}
			else if (!answer.equals("success")) {
				failures.add(worker.describe() + ": " + answer);
			}
		}
		workers.stream()
			.filter((worker) -> !asked.contains(worker))
			.forEach((worker) -> failures.add(worker.describe() + ": the control channel is closed"));
		return failures;
	}

	/**
	 * Stop every worker gracefully; kill those still running when the timeout passes.
	 * @param timeout how long to wait; zero waits forever
	 * @return the workers that had to be killed, described; empty when all stopped in
	 * time
	 * @throws InterruptedException if interrupted while waiting
	 */
	public List<String> stop(Duration timeout) throws InterruptedException {
		List<WorkerProcess> workers;
		synchronized (this) {
			this.stopping = true;
			this.slots.forEach(Slot::cancelRespawn);
			workers = List.copyOf(this.live);
		}
		logger.info("Stopping {} worker(s): {}", workers.size(), describeAll(workers));
		return stopOrKill(workers, timeout);
	}

	/**
	 * Kill every worker at once with SIGKILL, for SIGINT or a deadline that has passed.
	 */
	public synchronized void killAll() {
		this.stopping = true;
		this.slots.forEach(Slot::cancelRespawn);
		this.live.forEach((worker) -> {
			worker.retire();
			worker.kill();
		});
	}

	/**
	 * The workers now: every live one (two in a slot during a rolling reload) and the
	 * last one of a slot waiting to be respawned.
	 * @return the workers by slot, then generation
	 */
	public synchronized List<WorkerSnapshot> snapshot() {
		List<WorkerSnapshot> workers = new ArrayList<>();
		for (Slot slot : this.slots) {
			List<WorkerProcess> inSlot = new ArrayList<>(
					this.live.stream().filter((w) -> w.id() == slot.id && (w.isAlive() || w == slot.current)).toList());
			WorkerProcess current = slot.current;
			if (current != null && !inSlot.contains(current)) {
				inSlot.add(current);
			}
			inSlot.stream()
				.sorted(Comparator.comparingInt(WorkerProcess::generation).thenComparing(WorkerProcess::startedAt))
				.forEach((worker) -> workers.add(worker.snapshot(slot.restarts.total())));
		}
		return workers;
	}

	/**
	 * Whether the supervision still works: its thread runs a task, which also takes the
	 * supervisor's lock, within the timeout. A deadlocked or wedged supervisor does not
	 * answer.
	 * @param timeout how long to wait
	 * @return {@code true} when the task ran in time
	 */
	public boolean isResponsive(Duration timeout) {
		try {
			this.timer.submit(this::failure).get(timeout.toNanos(), TimeUnit.NANOSECONDS);
			return true;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		catch (ExecutionException | TimeoutException | RejectedExecutionException ex) {
			return false;
		}
	}

	/**
	 * Why the supervisor gave up, if it did.
	 * @return the reason, or {@code null} while it is keeping its workers running
	 */
	public synchronized @Nullable String failure() {
		return this.failure;
	}

	/**
	 * Kill any worker left and remove the control sockets.
	 */
	@Override
	public void close() {
		killAll();
		this.timer.shutdownNow();
		this.spawner.close();
	}

	private List<String> stopOrKill(List<WorkerProcess> workers, Duration timeout) throws InterruptedException {
		workers.forEach(WorkerProcess::stop);
		long deadline = System.nanoTime() + timeout.toNanos();
		List<String> killed = new ArrayList<>();
		for (WorkerProcess worker : workers) {
			Duration left = timeout.isZero() ? Duration.ZERO
					: Duration.ofNanos(Math.max(1, deadline - System.nanoTime()));
			if (!worker.awaitExit(left)) {
				killed.add(worker.describe());
				worker.kill();
			}
		}
		if (!killed.isEmpty()) {
			logger.error("Workers still running after {} s, killed: {}", timeout.toSeconds(), killed);
		}
		return killed;
	}

	private void spawn(Slot slot, int generation) {
		WorkerProcess worker;
		try {
			worker = spawnWorker(slot.id, generation);
		}
		catch (WorkerSupervisionException ex) {
			giveUp(Objects.requireNonNull(ex.getMessage(), "WorkerSupervisionException without a message"));
			return;
		}
		slot.current = worker;
		watch(worker);
	}

	private WorkerProcess spawnWorker(int id, int generation) {
		WorkerProcess worker;
		try {
			worker = this.spawner.spawn(id, generation);
		}
		catch (IOException ex) {
			throw new WorkerSupervisionException("Could not spawn worker " + id + ": " + ex.getMessage());
		}
		this.live.add(worker);
		logger.info("Spawned {}, generation {}", worker.describe(), generation);
		return worker;
	}

	/**
	 * Follow a worker's readiness, exit and boot deadline; called once it has its place,
	 * since a worker that has already exited is handled at once.
	 */
	private void watch(WorkerProcess worker) {
		worker.onReady().thenRun(() -> ready(worker));
		worker.onExit().thenRun(() -> exited(worker));
		Duration bootTimeout = this.settings.get().bootTimeout();
		this.timer.schedule(() -> bootTimedOut(worker, bootTimeout), bootTimeout.toMillis(), TimeUnit.MILLISECONDS);
	}

	private synchronized void ready(WorkerProcess worker) {
		logger.info("{} is ready ({} ms after spawn)", worker.describe(),
				Duration.between(worker.startedAt(), Instant.now()).toMillis());
		notifyAll();
	}

	private void bootTimedOut(WorkerProcess worker, Duration bootTimeout) {
		if (worker.state() == WorkerState.STARTING && worker.isAlive() && !worker.isRetired()) {
			logger.error("{} did not report READY within {} s; killing it", worker.describe(), bootTimeout.toSeconds());
			worker.kill();
		}
	}

	private synchronized void exited(WorkerProcess worker) {
		this.live.remove(worker);
		notifyAll();
		String status = ExitStatus.describe(worker.exitValue());
		Slot slot = this.slots.stream().filter((s) -> s.current == worker).findFirst().orElse(null);
		if (slot == null || this.stopping || this.failure != null || worker.isRetired()) {
			logger.info("{} exited with {}", worker.describe(), status);
			return;
		}
		SupervisionSettings current = this.settings.get();
		Duration uptime = Duration.between(worker.startedAt(), Instant.now());
		Duration delay = slot.restarts.exited(uptime, System.nanoTime(), current);
		if (delay == null) {
			giveUp("Worker " + slot.id + " exited more than " + current.maxRestarts() + " time(s) within "
					+ current.restartWindow().toSeconds() + " s; its last exit was " + status
					+ "; giving up so that the service manager can restart the whole service");
			return;
		}
		logger.warn("{} exited unexpectedly with {}; respawning it in {} ms (restart {} of slot {})", worker.describe(),
				status, delay.toMillis(), slot.restarts.total(), slot.id);
		slot.respawn = this.timer.schedule(() -> respawn(slot), delay.toMillis(), TimeUnit.MILLISECONDS);
	}

	private synchronized void respawn(Slot slot) {
		slot.respawn = null;
		if (!this.stopping && this.failure == null) {
			spawn(slot, this.generation);
		}
	}

	private void giveUp(String reason) {
		this.failure = reason;
		logger.error(reason);
		this.slots.forEach(Slot::cancelRespawn);
		notifyAll();
		if (this.started) {
			this.timer.execute(() -> this.failureListeners.forEach((listener) -> listener.accept(reason)));
		}
	}

	private void requireRunning(String what) {
		if (this.stopping || this.failure != null) {
			throw new WorkerSupervisionException("Cannot " + what + " the workers: "
					+ ((this.failure != null) ? this.failure : "they are stopping"));
		}
	}

	private List<WorkerProcess> currentWorkers() {
		return this.slots.stream().map((slot) -> slot.current).filter(Objects::nonNull).toList();
	}

	private static String describeAll(List<WorkerProcess> workers) {
		return workers.stream().map(WorkerProcess::describe).toList().toString();
	}

	/**
	 * One of the N places a worker runs in, and its respawn history.
	 */
	private static final class Slot {

		private final int id;

		private final RestartHistory restarts = new RestartHistory();

		private @Nullable WorkerProcess current;

		private @Nullable ScheduledFuture<?> respawn;

		Slot(int id) {
			this.id = id;
		}

		boolean isReady() {
			WorkerProcess worker = this.current;
			return worker != null && worker.state() == WorkerState.READY;
		}

		void replaceWith(WorkerProcess worker) {
			cancelRespawn();
			WorkerProcess previous = this.current;
			if (previous != null) {
				previous.retire();
			}
			this.current = worker;
		}

		void cancelRespawn() {
			ScheduledFuture<?> pending = this.respawn;
			if (pending != null) {
				pending.cancel(false);
				this.respawn = null;
			}
		}

	}

}
