package dev.oslo.service.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.oslo.service.internal.DurationFormat;
import dev.oslo.service.periodic.PeriodicTaskScheduler;
import dev.oslo.service.periodic.PeriodicTaskSnapshot;
import dev.oslo.service.periodic.SingletonLockSnapshot;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code periodictasks} endpoint: every periodic task, its spacing, last and next
 * run, and run counts, or one task by name. Its write operation ({@code POST
 * /actuator/periodictasks/{name}}, off unless
 * {@code management.endpoint.periodictasks.access=unrestricted}) runs one task now. An
 * unknown name answers {@code null}, which the web answers with 404 (see
 * {@link PeriodicTasksEndpointWebExtension}).
 *
 * @since 0.1.0
 */
@Endpoint(id = "periodictasks", defaultAccess = Access.READ_ONLY)
public class PeriodicTasksEndpoint {

	private final PeriodicTaskScheduler scheduler;

	/**
	 * Create the endpoint.
	 * @param scheduler the scheduler to describe
	 */
	public PeriodicTasksEndpoint(PeriodicTaskScheduler scheduler) {
		this.scheduler = scheduler;
	}

	/**
	 * Describe every task.
	 * @return the tasks
	 */
	@ReadOperation
	public PeriodicTasksDescriptor periodicTasks() {
		return new PeriodicTasksDescriptor(this.scheduler.snapshot().stream().map(PeriodicTaskDescriptor::of).toList());
	}

	/**
	 * Describe one task.
	 * @param name the task
	 * @return the task, or {@code null} if there is no task of that name
	 */
	@ReadOperation
	public @Nullable PeriodicTaskDescriptor periodicTask(@Selector String name) {
		return this.scheduler.snapshot()
			.stream()
			.filter((snapshot) -> snapshot.name().equals(name))
			.findFirst()
			.map(PeriodicTaskDescriptor::of)
			.orElse(null);
	}

	/**
	 * Run one task now, outside its schedule; skipped if it is running.
	 * @param name the task
	 * @return whether it ran, and the task afterwards; {@code null} if there is no task
	 * of that name
	 */
	@WriteOperation
	public @Nullable RunDescriptor run(@Selector String name) {
		if (periodicTask(name) == null) {
			return null;
		}
		boolean ran = this.scheduler.runNow(name);
		PeriodicTaskDescriptor task = periodicTask(name);
		return (task != null) ? new RunDescriptor(ran, task) : null;
	}

	/**
	 * The tasks as the endpoint shows them.
	 *
	 * @param tasks every task, in registration order
	 */
	public record PeriodicTasksDescriptor(List<PeriodicTaskDescriptor> tasks) implements OperationResponseBody {
	}

	/**
	 * One task as the endpoint shows it: a {@link PeriodicTaskSnapshot} whose durations
	 * are written as the {@code launcher} endpoint and the properties write them
	 * ({@code 40s}, {@code 200ms}, {@code 400us}).
	 *
	 * @param name the task's name
	 * @param spacing the spacing in force, or {@code null} while disabled
	 * @param lastRunAt when the last run began
	 * @param lastDuration how long the last run took
	 * @param lastOutcome {@code success} or {@code failure} of the last run
	 * @param lastError the last run's exception, if it failed
	 * @param nextRunAt when the next run is scheduled
	 * @param runs how many runs ended
	 * @param failures how many of them failed
	 * @param successTime the time all successful runs took
	 * @param failureTime the time all failed runs took
	 * @param singleton the task's cluster lock, or {@code null} unless it runs once per
	 * cluster
	 */
	public record PeriodicTaskDescriptor(String name, @Nullable String spacing, @Nullable Instant lastRunAt,
			@Nullable String lastDuration, @Nullable String lastOutcome, @Nullable String lastError,
			@Nullable Instant nextRunAt, long runs, long failures, String successTime, String failureTime,
			@Nullable SingletonLockDescriptor singleton) implements OperationResponseBody {

		static PeriodicTaskDescriptor of(PeriodicTaskSnapshot task) {
			SingletonLockSnapshot singleton = task.singleton();
			return new PeriodicTaskDescriptor(task.name(), format(task.spacing()), task.lastRunAt(),
					format(task.lastDuration()), task.lastOutcome(), task.lastError(), task.nextRunAt(), task.runs(),
					task.failures(), DurationFormat.format(task.successTime()),
					DurationFormat.format(task.failureTime()),
					(singleton != null) ? SingletonLockDescriptor.of(singleton) : null);
		}

		private static @Nullable String format(@Nullable Duration duration) {
			return (duration != null) ? DurationFormat.format(duration) : null;
		}

	}

	/**
	 * A cluster-singleton task's lock as the endpoint shows it: a
	 * {@link SingletonLockSnapshot} with its durations written like the task's.
	 *
	 * @param lockAtMostFor the lock's lifetime if its holder dies, as configured now
	 * @param lockAtLeastFor the least time the lock is held, as configured now
	 * @param lastOutcome {@code acquired}, {@code locked} or {@code lock-unavailable}
	 * @param lastAttemptAt when the lock was last asked for
	 * @param holder who held the lock at that attempt, where the lock's store tells
	 * @param lastError why the store could not be reached, after {@code lock-unavailable}
	 * @param acquired how many attempts took the lock
	 * @param locked how many runs were skipped because another replica held the lock
	 * @param unavailable how many runs were skipped because the store could not be
	 * reached
	 */
	public record SingletonLockDescriptor(String lockAtMostFor, String lockAtLeastFor, @Nullable String lastOutcome,
			@Nullable Instant lastAttemptAt, @Nullable String holder, @Nullable String lastError, long acquired,
			long locked, long unavailable) {

		static SingletonLockDescriptor of(SingletonLockSnapshot lock) {
			return new SingletonLockDescriptor(DurationFormat.format(lock.lockAtMostFor()),
					DurationFormat.format(lock.lockAtLeastFor()), lock.lastOutcome(), lock.lastAttemptAt(),
					lock.holder(), lock.lastError(), lock.acquired(), lock.locked(), lock.unavailable());
		}

	}

	/**
	 * The result of running a task now.
	 *
	 * @param ran {@code false} if the task was running already
	 * @param task the task afterwards
	 */
	public record RunDescriptor(boolean ran, PeriodicTaskDescriptor task) implements OperationResponseBody {
	}

}
