package dev.oslo.service.process;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
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

import dev.oslo.service.internal.DurationFormat;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Keeps N worker JVMs running: spawns them, respawns a slot whose worker exits
 * unexpectedly after a back-off that doubles per respawn, and gives up when a slot
 * exceeds its restart limit, so that the service manager (systemd, Kubernetes) takes over
 * instead of a respawn storm. It also replaces the workers for a rolling reload, asks
 * them to reload in place, and stops or kills them all. A worker killed for a missed
 * deadline (its stop, its boot, or its heartbeats: see
 * {@link SupervisionSettings#heartbeatTimeout()}) has its thread stacks logged first.
 * <p>
 * Once the workers are ready it keeps {@link SupervisionSettings#standby()} standbys:
 * spare JVMs booted up to their services and idle. A slot whose worker exits gets an idle
 * standby at once, promoted without a back-off (the exit still counts towards the slot's
 * restart limit), and a new standby boots in the background. A standby never counts as
 * capacity; one that exits is replaced under the same back-off and restart limit as a
 * worker.
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

	/** How long a JVM killed with SIGKILL may take to be gone. */
	private static final Duration KILLED_EXIT = Duration.ofSeconds(5);

	private static final int MAX_BOOT_DEADLINE_DOUBLINGS = 2;

	private final List<Slot> slots = new ArrayList<>();

	private final Set<WorkerProcess> live = new LinkedHashSet<>();

	private final List<WorkerProcess> standbys = new ArrayList<>();

	private final RestartHistory standbyRestarts = new RestartHistory();

	/**
	 * Boot deadlines missed in a row, by slot ({@value WorkerIdentity#STANDBY_ID} for the
	 * standbys): the next boot there gets twice as long, up to
	 * {@value #MAX_BOOT_DEADLINE_DOUBLINGS} doublings.
	 */
	private final Map<Integer, Integer> missedBoots = new HashMap<>();

	private final List<Consumer<String>> failureListeners = new CopyOnWriteArrayList<>();

	private @Nullable ScheduledFuture<?> standbyRespawn;

	private final HungWorkerDiagnosis diagnosis = new HungWorkerDiagnosis();

	private final HeartbeatWatch heartbeats = new HeartbeatWatch(System::nanoTime);

	private int generation = 1;

	private int epoch;

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
	 * Spawn the workers and wait until each has reported READY; then the standbys begin
	 * to boot. A worker that exits or does not become ready in time is respawned under
	 * the usual limits meanwhile.
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
			long period = HeartbeatWatch.PERIOD.toMillis();
			this.timer.scheduleWithFixedDelay(this::checkHeartbeats, period, period, TimeUnit.MILLISECONDS);
			while (this.failure == null && !this.slots.stream().allMatch(Slot::isReady)) {
				wait();
			}
			if (this.failure != null) {
				killAll();
				throw new WorkerSupervisionException(this.failure);
			}
			this.started = true;
			logger.info("{} worker(s) ready: {}", count, describeAll(currentWorkers()));
			replenishStandbys();
		}
	}

	/**
	 * Replace every worker with one of the next generation. Every replacement starts at
	 * once: idle standbys are promoted (they re-read the configuration first), new JVMs
	 * boot for the other slots. Slot by slot, once its replacement is READY, the old
	 * worker is asked to stop; it is killed if it is still running after
	 * {@code stopTimeout}. Capacity never drops below the number of slots.
	 * @param stopTimeout how long a replaced worker may take to stop before it is killed;
	 * zero waits forever
	 * @throws WorkerSupervisionException if a new worker did not become ready; the roll
	 * stops there and the workers not yet replaced keep running
	 * @throws InterruptedException if interrupted while waiting
	 */
	public void roll(Duration stopTimeout) throws InterruptedException {
		int next;
		List<WorkerProcess> replacements = new ArrayList<>();
		synchronized (this) {
			requireRunning("roll");
			next = ++this.generation;
			this.epoch++;
			for (Slot slot : this.slots) {
				replacements.add(replacementFor(slot, next));
			}
			rereadInIdleStandbys();
		}
		int swapped = 0;
		try {
			for (; swapped < this.slots.size(); swapped++) {
				swap(this.slots.get(swapped), replacements.get(swapped), next, stopTimeout);
			}
		}
		finally {
			List<WorkerProcess> unused = replacements.subList(swapped, replacements.size());
			unused.forEach((replacement) -> {
				replacement.retire();
				replacement.kill();
			});
			for (WorkerProcess replacement : unused) {
				replacement.awaitExit(KILLED_EXIT);
			}
			synchronized (this) {
				replenishStandbys();
			}
		}
	}

	private WorkerProcess replacementFor(Slot slot, int next) {
		WorkerProcess standby = idleStandby();
		String standbyName = (standby != null) ? standby.describe() : "";
		if (standby != null && standby.promote(slot.id, next, this.epoch)) {
			this.standbys.remove(standby);
			logger.info("Promoted {} to worker {}, generation {}", standbyName, slot.id, next);
			followPromoted(standby);
			return standby;
		}
		WorkerProcess replacement = spawnWorker(slot.id, next);
		watch(replacement);
		return replacement;
	}

	/**
	 * The master has reloaded: the idle standbys re-read their configuration now rather
	 * than at their promotion.
	 */
	private void rereadInIdleStandbys() {
		this.standbys.forEach((standby) -> standby.requestReread(this.epoch));
	}

	private void swap(Slot slot, WorkerProcess replacement, int next, Duration stopTimeout)
			throws InterruptedException {
		Duration bootTimeout = bootDeadline(slot.id);
		if (!replacement.awaitReady(bootTimeout)) {
			replacement.retire();
			this.diagnosis.killAfterStacks(replacement, notReady(replacement, bootTimeout), HungWorkerDiagnosis.GRACE)
				.join();
			throw new WorkerSupervisionException("Rolling reload stopped: " + replacement.describe() + " of generation "
					+ next + " did not become READY within " + bootTimeout.toSeconds()
					+ " s; the other workers keep running");
		}
		WorkerProcess replaced;
		synchronized (this) {
			replaced = slot.current;
			slot.replaceWith(replacement);
		}
		if (replaced != null && replaced.isAlive()) {
			logger.info("Worker {} of generation {} is ready; stopping {}", slot.id, next, replaced.describe());
			stopInBackground(replaced, stopTimeout);
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
			this.epoch++;
			rereadInIdleStandbys();
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
		synchronized (this) {
			replenishStandbys();
		}
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
			cancelRespawns();
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
		cancelRespawns();
		this.live.forEach((worker) -> {
			worker.retire();
			worker.kill();
		});
	}

	/**
	 * The workers now: every live one (two in a slot during a rolling reload) and the
	 * last one of a slot waiting to be respawned, then the standbys (slot
	 * {@value WorkerIdentity#STANDBY_ID}).
	 * @return the workers by slot, then generation, then the standbys by age
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
		this.standbys.forEach((standby) -> workers.add(standby.snapshot(this.standbyRestarts.total())));
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
		List<String> killed = this.diagnosis.awaitStopOrKill(workers, timeout);
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
			worker = this.spawner.spawn(id, generation, this.epoch);
		}
		catch (IOException ex) {
			throw new WorkerSupervisionException("Could not spawn "
					+ ((id == WorkerIdentity.STANDBY_ID) ? "a standby" : "worker " + id) + ": " + ex.getMessage());
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
		scheduleBootDeadline(worker);
	}

	/**
	 * Follow a standby just promoted: its exit is already followed since its spawn.
	 */
	private void followPromoted(WorkerProcess promoted) {
		promoted.onReady().thenRun(() -> ready(promoted));
		scheduleBootDeadline(promoted);
	}

	/**
	 * Kill the worker if it does not report READY (a standby: STANDBY) in time. After a
	 * missed deadline the slot's next boot gets twice as long: a busy machine (every
	 * worker booting at once on few cores) is a likelier cause than a hang, and killing
	 * every slow boot at the same deadline again would only repeat it.
	 */
	private synchronized void scheduleBootDeadline(WorkerProcess worker) {
		Duration deadline = bootDeadline(worker.id());
		if (deadline.compareTo(this.settings.get().bootTimeout()) > 0) {
			logger.info("{} has {} to {}: the last {} missed its deadline", worker.describe(),
					DurationFormat.format(deadline), worker.isStandby() ? "boot" : "report READY",
					worker.isStandby() ? "standby's boot" : "boot in slot " + worker.id());
		}
		int start = worker.starts();
		this.timer.schedule(() -> bootTimedOut(worker, start, deadline), deadline.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * How long the next boot in a slot may take: the boot timeout, doubled for each
	 * deadline the slot missed in a row, up to {@value #MAX_BOOT_DEADLINE_DOUBLINGS}
	 * times.
	 */
	private synchronized Duration bootDeadline(int slot) {
		int missed = Math.min(this.missedBoots.getOrDefault(slot, 0), MAX_BOOT_DEADLINE_DOUBLINGS);
		return this.settings.get().bootTimeout().multipliedBy(1L << missed);
	}

	private synchronized void ready(WorkerProcess worker) {
		this.missedBoots.remove(worker.id());
		Instant promotedAt = worker.promotedAt();
		logger.info("{} is ready ({} ms after {})", worker.describe(),
				Duration.between((promotedAt != null) ? promotedAt : worker.startedAt(), Instant.now()).toMillis(),
				(promotedAt != null) ? "its promotion" : "spawn");
		notifyAll();
	}

	private void bootTimedOut(WorkerProcess worker, int start, Duration bootTimeout) {
		if (worker.starts() == start && worker.state() == WorkerState.STARTING && worker.isAlive()
				&& !worker.isRetired()) {
			synchronized (this) {
				this.missedBoots.merge(worker.id(), 1, Integer::sum);
			}
			this.diagnosis.killAfterStacks(worker, notReady(worker, bootTimeout), HungWorkerDiagnosis.GRACE);
		}
	}

	private static String notReady(WorkerProcess worker, Duration bootTimeout) {
		return "did not " + (worker.isStandby() ? "finish booting" : "report READY") + " within "
				+ DurationFormat.format(bootTimeout);
	}

	/**
	 * Take the ready workers that have sent nothing for longer than the heartbeat timeout
	 * for hung: log their stacks and kill them. Their exits are unexpected, so their
	 * slots are respawned under the usual back-off and restart limit.
	 */
	private void checkHeartbeats() {
		try {
			Duration timeout = this.settings.get().heartbeatTimeout();
			Map<WorkerProcess, Duration> silent;
			synchronized (this) {
				Map<WorkerProcess, Long> lastHeard = new LinkedHashMap<>();
				if (!this.stopping && this.failure == null) {
					this.live.stream()
						.filter((worker) -> worker.state() == WorkerState.READY && !worker.isRetired())
						.forEach((worker) -> lastHeard.put(worker, worker.lastHeardNanos()));
				}
				silent = this.heartbeats.silent(lastHeard, timeout);
			}
			silent.forEach((worker, silence) -> this.diagnosis.killAfterStacks(worker,
					HeartbeatWatch.describe(silence, timeout), HungWorkerDiagnosis.GRACE));
		}
		catch (RuntimeException ex) {
			logger.warn("Could not check the workers' heartbeats", ex);
		}
	}

	private synchronized void exited(WorkerProcess worker) {
		this.live.remove(worker);
		notifyAll();
		String status = ExitStatus.describe(worker.exitValue());
		if (this.standbys.remove(worker)) {
			standbyExited(worker, status);
			return;
		}
		Slot slot = this.slots.stream().filter((s) -> s.current == worker).findFirst().orElse(null);
		if (slot == null || this.stopping || this.failure != null || worker.isRetired()) {
			logger.info("{} exited with {}", worker.describe(), status);
			return;
		}
		Duration delay = restartDelay(slot.restarts, worker, "Worker " + slot.id, status);
		if (delay == null) {
			return;
		}
		WorkerProcess standby = idleStandby();
		String standbyName = (standby != null) ? standby.describe() : "";
		if (standby != null && promoteInto(slot, standby)) {
			logger.warn("{} exited unexpectedly with {}; promoted {} to its slot (restart {} of slot {})",
					worker.describe(), status, standbyName, slot.restarts.total(), slot.id);
			return;
		}
		logger.warn("{} exited unexpectedly with {}; respawning it in {} ms (restart {} of slot {})", worker.describe(),
				status, delay.toMillis(), slot.restarts.total(), slot.id);
		slot.respawn = this.timer.schedule(() -> respawn(slot), delay.toMillis(), TimeUnit.MILLISECONDS);
	}

	private void standbyExited(WorkerProcess standby, String status) {
		if (this.stopping || this.failure != null || standby.isRetired()) {
			logger.info("{} exited with {}", standby.describe(), status);
			return;
		}
		Duration delay = restartDelay(this.standbyRestarts, standby, "Standbys", status);
		if (delay == null) {
			return;
		}
		logger.warn("{} exited unexpectedly with {}; replacing it in {} ms (restart {} of the standbys)",
				standby.describe(), status, delay.toMillis(), this.standbyRestarts.total());
		this.standbyRespawn = this.timer.schedule(this::respawnStandbys, delay.toMillis(), TimeUnit.MILLISECONDS);
	}

	/**
	 * Count an unexpected exit; give up when it is one too many.
	 * @return the back-off before the replacement, or {@code null} after giving up
	 */
	private @Nullable Duration restartDelay(RestartHistory restarts, WorkerProcess exited, String who, String status) {
		SupervisionSettings current = this.settings.get();
		Duration uptime = Duration.between(exited.startedAt(), Instant.now());
		Duration delay = restarts.exited(uptime, System.nanoTime(), current);
		if (delay == null) {
			giveUp(who + " exited more than " + current.maxRestarts() + " time(s) within "
					+ current.restartWindow().toSeconds() + " s; its last exit was " + status
					+ "; giving up so that the service manager can restart the whole service");
		}
		return delay;
	}

	private synchronized void respawn(Slot slot) {
		slot.respawn = null;
		if (!this.stopping && this.failure == null) {
			spawn(slot, this.generation);
		}
	}

	private synchronized void respawnStandbys() {
		this.standbyRespawn = null;
		replenishStandbys();
	}

	/**
	 * A standby has booted: it waits for a promotion, or fills at once a slot that waits
	 * for its respawn back-off.
	 */
	private synchronized void standingBy(WorkerProcess standby) {
		this.missedBoots.remove(WorkerIdentity.STANDBY_ID);
		logger.info("{} is standing by ({} ms after spawn)", standby.describe(),
				Duration.between(standby.startedAt(), Instant.now()).toMillis());
		notifyAll();
		Slot waiting = this.slots.stream().filter((slot) -> slot.respawn != null).findFirst().orElse(null);
		String standbyName = standby.describe();
		if (waiting != null && !this.stopping && this.failure == null && promoteInto(waiting, standby)) {
			logger.info("Promoted {} to slot {}, which was waiting for its respawn", standbyName, waiting.id);
		}
	}

	/**
	 * Give a slot an idle standby. The next standby boots once the promoted one is ready
	 * (or has failed), so as not to slow it down.
	 * @return whether the standby took the slot; {@code false} if it has gone
	 */
	private boolean promoteInto(Slot slot, WorkerProcess standby) {
		if (!standby.promote(slot.id, this.generation, this.epoch)) {
			return false;
		}
		this.standbys.remove(standby);
		slot.cancelRespawn();
		slot.current = standby;
		followPromoted(standby);
		standby.onReady().whenComplete((ready, failed) -> {
			synchronized (this) {
				replenishStandbys();
			}
		});
		return true;
	}

	/**
	 * Boot standbys up to the configured number, or dismiss the extra ones when it was
	 * lowered; nothing while a standby's back-off runs.
	 */
	private void replenishStandbys() {
		if (!this.started || this.stopping || this.failure != null || this.standbyRespawn != null) {
			return;
		}
		int wanted = this.settings.get().standby();
		while (this.standbys.size() > wanted) {
			WorkerProcess extra = this.standbys.remove(this.standbys.size() - 1);
			logger.info("Dismissing {}: {} standby(s) wanted", extra.describe(), wanted);
			extra.stop();
		}
		while (this.standbys.size() < wanted && this.failure == null) {
			WorkerProcess standby;
			try {
				standby = spawnWorker(WorkerIdentity.STANDBY_ID, this.generation);
			}
			catch (WorkerSupervisionException ex) {
				giveUp(Objects.requireNonNull(ex.getMessage(), "WorkerSupervisionException without a message"));
				return;
			}
			this.standbys.add(standby);
			standby.onStandingBy().thenRun(() -> standingBy(standby));
			standby.onExit().thenRun(() -> exited(standby));
			scheduleBootDeadline(standby);
		}
	}

	private @Nullable WorkerProcess idleStandby() {
		return this.standbys.stream()
			.filter((standby) -> standby.state() == WorkerState.STANDBY && !standby.isRetired())
			.findFirst()
			.orElse(null);
	}

	/**
	 * Ask a replaced worker to stop, on a thread of its own, and kill it (after its
	 * stacks) if it is still running after the timeout.
	 */
	private void stopInBackground(WorkerProcess replaced, Duration timeout) {
		Thread stopping = new Thread(() -> {
			try {
				stopOrKill(List.of(replaced), timeout);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, "oslo-worker-stop");
		stopping.setDaemon(true);
		stopping.start();
	}

	private void cancelRespawns() {
		this.slots.forEach(Slot::cancelRespawn);
		ScheduledFuture<?> pending = this.standbyRespawn;
		if (pending != null) {
			pending.cancel(false);
			this.standbyRespawn = null;
		}
	}

	private void giveUp(String reason) {
		this.failure = reason;
		logger.error(reason);
		cancelRespawns();
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
