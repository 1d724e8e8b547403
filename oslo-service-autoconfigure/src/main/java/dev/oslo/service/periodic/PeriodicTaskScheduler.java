package dev.oslo.service.periodic;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.TaskScheduler;

/**
 * Runs registered periodic tasks on a Spring {@link TaskScheduler}, each on its own
 * {@link PeriodicTaskTrigger}: a task never overlaps itself, an overrun moves its next
 * run to the next grid point, an exception is logged and counted and stops nothing, and
 * the spacing is read at every decision. {@link #reschedule()} applies changed spacings
 * at once (after a reload); {@link #stop(Duration)} starts no new run and waits for runs
 * in progress. A task whose settings make it a cluster singleton takes the
 * {@link ClusterLock} before each run and skips the run when another replica holds it or
 * the lock cannot be reached. Every attempt to run a task, lock request included, goes
 * through the {@link TaskRunDecorator} on the thread that runs it.
 *
 * @since 0.1.0
 */
public final class PeriodicTaskScheduler {

	private static final Logger logger = LoggerFactory.getLogger(PeriodicTaskScheduler.class);

	private final TaskScheduler scheduler;

	private final Clock clock;

	private final DoubleSupplier jitter;

	private final Map<String, ScheduledTask> tasks = new LinkedHashMap<>();

	private final TaskRunListener listener;

	private final ClusterLock lock;

	private final TaskRunDecorator decorator;

	private boolean started;

	/**
	 * Create the scheduler.
	 * @param scheduler runs the tasks
	 * @param clock the clock of the schedule (the task scheduler's)
	 * @param jitter numbers in {@code [0, 1]} for the jitter; always zero for none
	 * @param listener told about every run, e.g. to time it
	 */
	public PeriodicTaskScheduler(TaskScheduler scheduler, Clock clock, DoubleSupplier jitter,
			TaskRunListener listener) {
		this(scheduler, clock, jitter, listener, ClusterLock.NONE);
	}

	/**
	 * Create the scheduler, with the lock its cluster-singleton tasks share with other
	 * replicas.
	 * @param scheduler runs the tasks
	 * @param clock the clock of the schedule (the task scheduler's)
	 * @param jitter numbers in {@code [0, 1]} for the jitter; always zero for none
	 * @param listener told about every run, e.g. to time it
	 * @param lock taken before each run of a task whose settings make it a cluster
	 * singleton
	 */
	public PeriodicTaskScheduler(TaskScheduler scheduler, Clock clock, DoubleSupplier jitter, TaskRunListener listener,
			ClusterLock lock) {
		this(scheduler, clock, jitter, listener, lock, TaskRunDecorator.NONE);
	}

	/**
	 * Create the scheduler, with the lock its cluster-singleton tasks share with other
	 * replicas and a decorator around every attempt to run a task (e.g. a Micrometer
	 * observation).
	 * @param scheduler runs the tasks
	 * @param clock the clock of the schedule (the task scheduler's)
	 * @param jitter numbers in {@code [0, 1]} for the jitter; always zero for none
	 * @param listener told about every run, e.g. to time it
	 * @param lock taken before each run of a task whose settings make it a cluster
	 * singleton
	 * @param decorator wraps every attempt, on the thread that runs it
	 */
	public PeriodicTaskScheduler(TaskScheduler scheduler, Clock clock, DoubleSupplier jitter, TaskRunListener listener,
			ClusterLock lock, TaskRunDecorator decorator) {
		this.scheduler = Objects.requireNonNull(scheduler, "scheduler");
		this.clock = Objects.requireNonNull(clock, "clock");
		this.jitter = Objects.requireNonNull(jitter, "jitter");
		this.listener = Objects.requireNonNull(listener, "listener");
		this.lock = Objects.requireNonNull(lock, "lock");
		this.decorator = Objects.requireNonNull(decorator, "decorator");
	}

	/**
	 * Register a task; it is scheduled by {@link #start()}, or at once if already
	 * started.
	 * @param name a unique name
	 * @param work the task's work
	 * @param settings its settings, read at every scheduling decision
	 * @throws IllegalStateException if the name is taken
	 */
	public synchronized void register(String name, Runnable work, Supplier<TaskSettings> settings) {
		if (this.tasks.containsKey(name)) {
			throw new IllegalStateException("Two periodic tasks are named '" + name
					+ "'; give one another name with @PeriodicTask(name = ...)");
		}
		ScheduledTask task = new ScheduledTask(name, work, settings);
		this.tasks.put(name, task);
		if (this.started) {
			schedule(task);
		}
	}

	/**
	 * Schedule every registered task; the first run of each comes one spacing from now,
	 * or at once with {@code runImmediately}.
	 */
	public synchronized void start() {
		this.started = true;
		this.tasks.values().forEach(this::schedule);
		logger.info("Scheduled {} periodic task(s): {}", this.tasks.size(), this.tasks.keySet());
	}

	/**
	 * Apply the current settings at once: every task is scheduled again from its last run
	 * (a task enabled or disabled by the new settings starts or stops).
	 */
	public synchronized void reschedule() {
		if (!this.started) {
			return;
		}
		for (ScheduledTask task : this.tasks.values()) {
			task.cancel();
			schedule(task);
		}
	}

	/**
	 * Start no new run and wait at most {@code timeout} for the runs in progress.
	 * @param timeout how long to wait; zero waits forever
	 * @return the names of the tasks still running at the deadline
	 */
	public List<String> stop(Duration timeout) {
		List<ScheduledTask> stopping;
		synchronized (this) {
			this.started = false;
			stopping = new ArrayList<>(this.tasks.values());
			stopping.forEach(ScheduledTask::cancel);
		}
		long deadline = System.nanoTime() + timeout.toNanos();
		List<String> stillRunning = new ArrayList<>();
		for (ScheduledTask task : stopping) {
			long left = timeout.isZero() ? Long.MAX_VALUE : deadline - System.nanoTime();
			if (!task.awaitIdle(left)) {
				stillRunning.add(task.name);
			}
		}
		return stillRunning;
	}

	/**
	 * Run one task now, outside its schedule, on the calling thread; skipped if it is
	 * running, or, for a cluster singleton, if its lock is held elsewhere or cannot be
	 * reached.
	 * @param name the task
	 * @return whether it ran
	 * @throws IllegalArgumentException if there is no such task
	 */
	public boolean runNow(String name) {
		ScheduledTask task;
		synchronized (this) {
			task = this.tasks.get(name);
		}
		if (task == null) {
			throw new IllegalArgumentException("No periodic task named '" + name + "'");
		}
		return task.run();
	}

	/**
	 * The tasks at this moment.
	 * @return one snapshot per task, in registration order
	 */
	public synchronized List<PeriodicTaskSnapshot> snapshot() {
		return this.tasks.values().stream().map(ScheduledTask::snapshot).toList();
	}

	private void schedule(ScheduledTask task) {
		PeriodicTaskTrigger trigger = new PeriodicTaskTrigger(task.settings, this.jitter, task.lastRunAt);
		task.trigger = trigger;
		task.future = this.scheduler.schedule(task::run, trigger);
		if (task.future == null) {
			logger.info("Periodic task '{}' is disabled", task.name);
		}
	}

	private final class ScheduledTask {

		private final String name;

		private final Runnable work;

		private final Supplier<TaskSettings> settings;

		private final ReentrantLock running = new ReentrantLock();

		private final SingletonGuard guard;

		private @Nullable ScheduledFuture<?> future;

		private @Nullable PeriodicTaskTrigger trigger;

		private volatile @Nullable Instant lastRunAt;

		private volatile @Nullable Duration lastDuration;

		private volatile @Nullable String lastOutcome;

		private volatile @Nullable String lastError;

		private long runs;

		private long failures;

		private long successNanos;

		private long failureNanos;

		private ScheduledTask(String name, Runnable work, Supplier<TaskSettings> settings) {
			this.name = name;
			this.work = work;
			this.settings = settings;
			this.guard = new SingletonGuard(name, PeriodicTaskScheduler.this.lock, PeriodicTaskScheduler.this.clock,
					PeriodicTaskScheduler.this.listener);
		}

		boolean run() {
			if (!this.running.tryLock()) {
				logger.debug("Periodic task '{}' is still running; this run is skipped", this.name);
				return false;
			}
			try {
				return PeriodicTaskScheduler.this.decorator.decorate(this.name, this::attempt).get().ran();
			}
			finally {
				this.running.unlock();
			}
		}

		private TaskRunResult attempt() {
			TaskSettings.SingletonLock singleton = this.settings.get().singleton();
			return (singleton != null) ? this.guard.runLocked(singleton, this::runWork) : runWork();
		}

		private TaskRunResult runWork() {
			Instant at = PeriodicTaskScheduler.this.clock.instant();
			long started = System.nanoTime();
			this.lastRunAt = at;
			Throwable failure = null;
			try {
				this.work.run();
			}
			catch (RuntimeException | Error ex) {
				failure = ex;
				logger.error("Periodic task '{}' failed; it stays scheduled", this.name, ex);
			}
			long nanos = System.nanoTime() - started;
			record(nanos, failure);
			PeriodicTaskScheduler.this.listener.ran(this.name, Duration.ofNanos(nanos), failure);
			return TaskRunResult.ran(failure);
		}

		private synchronized void record(long nanos, @Nullable Throwable failure) {
			this.lastDuration = Duration.ofNanos(nanos);
			this.runs++;
			if (failure == null) {
				this.successNanos += nanos;
				this.lastOutcome = TaskRunResult.SUCCESS;
				this.lastError = null;
			}
			else {
				this.failures++;
				this.failureNanos += nanos;
				this.lastOutcome = TaskRunResult.FAILURE;
				this.lastError = failure.toString();
			}
		}

		void cancel() {
			ScheduledFuture<?> scheduled = this.future;
			if (scheduled != null) {
				scheduled.cancel(false);
			}
			this.future = null;
		}

		boolean awaitIdle(long nanos) {
			try {
				if (this.running.tryLock(Math.max(nanos, 0), TimeUnit.NANOSECONDS)) {
					this.running.unlock();
					return true;
				}
				return false;
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return false;
			}
		}

		synchronized PeriodicTaskSnapshot snapshot() {
			PeriodicTaskTrigger current = this.trigger;
			TaskSettings now = this.settings.get();
			TaskSettings.SingletonLock singleton = now.singleton();
			Instant next = (this.future != null && current != null) ? current.next() : null;
			return new PeriodicTaskSnapshot(this.name, now.spacing(), this.lastRunAt, this.lastDuration,
					this.lastOutcome, this.lastError, next, this.runs, this.failures,
					Duration.ofNanos(this.successNanos), Duration.ofNanos(this.failureNanos),
					(singleton != null) ? this.guard.snapshot(singleton) : null);
		}

	}

}
