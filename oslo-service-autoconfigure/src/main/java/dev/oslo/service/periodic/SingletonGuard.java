package dev.oslo.service.periodic;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one cluster-singleton task's lock before each run and keeps the record of it. A
 * run is skipped, never queued, when another replica holds the lock ({@code locked}) or
 * when the lock's store cannot be reached ({@code lock-unavailable}); an unreachable
 * store is logged as a warning once, and again at info level when it answers again.
 */
final class SingletonGuard {

	static final String ACQUIRED = "acquired";

	static final String LOCKED = TaskRunResult.LOCKED;

	static final String UNAVAILABLE = TaskRunResult.LOCK_UNAVAILABLE;

	private static final Logger logger = LoggerFactory.getLogger(SingletonGuard.class);

	private final String name;

	private final ClusterLock lock;

	private final Clock clock;

	private final TaskRunListener listener;

	private @Nullable String lastOutcome;

	private @Nullable Instant lastAttemptAt;

	private @Nullable String holder;

	private @Nullable String lastError;

	private long acquired;

	private long locked;

	private long unavailable;

	private boolean storeDown;

	SingletonGuard(String name, ClusterLock lock, Clock clock, TaskRunListener listener) {
		this.name = name;
		this.lock = lock;
		this.clock = clock;
		this.listener = listener;
	}

	/**
	 * Run {@code work} under the lock, or skip it.
	 * @param settings the lock's lifetimes
	 * @param work the run itself
	 * @return the run's result, or a skipped one when the lock was refused
	 */
	TaskRunResult runLocked(TaskSettings.SingletonLock settings, Supplier<TaskRunResult> work) {
		long started = System.nanoTime();
		Optional<ClusterLock.Held> held;
		try {
			held = this.lock.tryLock(this.name, settings.lockAtMostFor(), settings.lockAtLeastFor());
		}
		catch (RuntimeException ex) {
			String error = describe(ex);
			storeUnreachable(error, ex);
			record(UNAVAILABLE, null, error);
			return skipped(UNAVAILABLE, started);
		}
		storeReachable();
		if (held.isEmpty()) {
			record(LOCKED, holder(), null);
			logger.debug("Periodic task '{}' is locked by another replica; this run is skipped", this.name);
			return skipped(LOCKED, started);
		}
		record(ACQUIRED, this.lock.self().orElseGet(this::holder), null);
		try {
			return work.get();
		}
		finally {
			release(held.get());
		}
	}

	private TaskRunResult skipped(String outcome, long started) {
		this.listener.skipped(this.name, outcome, Duration.ofNanos(System.nanoTime() - started));
		return TaskRunResult.skipped(outcome);
	}

	/**
	 * Release the lock after a run; a failure is logged, and the lock then expires by
	 * itself.
	 */
	private void release(ClusterLock.Held held) {
		try {
			held.unlock();
		}
		catch (RuntimeException ex) {
			logger.warn("Periodic task '{}' could not release its cluster lock ({}); it expires by itself", this.name,
					ex.toString());
		}
	}

	synchronized SingletonLockSnapshot snapshot(TaskSettings.SingletonLock settings) {
		return new SingletonLockSnapshot(settings.lockAtMostFor(), settings.lockAtLeastFor(), this.lastOutcome,
				this.lastAttemptAt, this.holder, this.lastError, this.acquired, this.locked, this.unavailable);
	}

	/**
	 * The exception and, where it wraps others, the innermost: "Could not open JDBC
	 * Connection" says less than the "Connection refused" it wraps.
	 */
	private static String describe(Throwable ex) {
		Throwable root = ex;
		while (root.getCause() != null && root.getCause() != root) {
			root = root.getCause();
		}
		return (root == ex) ? ex.toString() : ex + " (" + root + ")";
	}

	private @Nullable String holder() {
		try {
			return this.lock.holder(this.name).orElse(null);
		}
		catch (RuntimeException ex) {
			logger.debug("Cannot tell who holds the lock of periodic task '{}'", this.name, ex);
			return null;
		}
	}

	private synchronized void record(String outcome, @Nullable String holder, @Nullable String error) {
		switch (outcome) {
			case ACQUIRED -> this.acquired++;
			case LOCKED -> this.locked++;
			default -> this.unavailable++;
		}
		this.lastOutcome = outcome;
		this.lastAttemptAt = this.clock.instant();
		this.holder = holder;
		this.lastError = error;
	}

	private synchronized void storeUnreachable(String error, RuntimeException ex) {
		if (!this.storeDown) {
			this.storeDown = true;
			logger.warn(
					"Periodic task '{}' cannot reach its cluster lock, so its runs are skipped until it answers: {}",
					this.name, error);
		}
		else {
			logger.debug("Periodic task '{}' still cannot reach its cluster lock", this.name, ex);
		}
	}

	private synchronized void storeReachable() {
		if (this.storeDown) {
			this.storeDown = false;
			logger.info("Periodic task '{}' reaches its cluster lock again", this.name);
		}
	}

}
