package dev.oslo.service.periodic;

import java.lang.reflect.InvocationTargetException;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.function.DoubleSupplier;
import java.util.function.LongSupplier;

import dev.oslo.service.internal.DurationFormat;
import dev.oslo.service.loopingcall.DynamicLoopingCall;
import dev.oslo.service.taskgroup.TaskGroup;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A base class for objects whose {@link PeriodicTask} methods are driven by the caller,
 * as oslo's {@code PeriodicTasks}: call {@link #runPeriodicTasks(boolean)} in a loop and
 * sleep the {@link Duration} it returns (for example from a dynamic timer capped by
 * {@code periodic.interval-max}).
 * <p>
 * Departures from oslo: a task counts its first spacing from the construction of this
 * object, not from when its class was loaded; an overriding method runs, not the base
 * one; tasks belong to each instance.
 *
 * @since 0.1.0
 */
public abstract class PeriodicTasks {

	private static final Logger logger = LoggerFactory.getLogger(PeriodicTasks.class);

	private final Settings settings;

	private final LongSupplier nanoClock;

	private final DoubleSupplier random;

	private final List<TaskState> tasks;

	/**
	 * Register this object's tasks with oslo's defaults (60 s default spacing, external
	 * tasks run, jitter on) on the system's monotonic clock.
	 */
	protected PeriodicTasks() {
		this(Settings.DEFAULTS, System::nanoTime, Math::random);
	}

	/**
	 * Register this object's tasks.
	 * @param settings the default spacing, whether external tasks run, and jitter
	 * @param nanoClock a monotonic clock in nanoseconds
	 * @param random numbers in {@code [0, 1]} for the jitter
	 */
	protected PeriodicTasks(Settings settings, LongSupplier nanoClock, DoubleSupplier random) {
		this.settings = Objects.requireNonNull(settings, "settings");
		this.nanoClock = Objects.requireNonNull(nanoClock, "nanoClock");
		this.random = Objects.requireNonNull(random, "random");
		long now = nanoClock.getAsLong();
		List<TaskState> found = new ArrayList<>();
		for (PeriodicTaskDefinition definition : PeriodicTaskMethods.find(getClass())) {
			Duration spacing = parse(definition);
			if (!definition.enabled() || spacing.isNegative()) {
				logger.info("Periodic task '{}' is disabled and not registered", definition.name());
			}
			else if (definition.externalProcessOk() && !settings.runExternalPeriodicTasks()) {
				logger.info("Periodic task '{}' runs in an external process only; not registered here",
						definition.name());
			}
			else {
				found.add(new TaskState(definition, spacing.isZero() ? settings.defaultSpacing() : spacing,
						definition.runImmediately() ? null : now));
			}
		}
		this.tasks = Collections.unmodifiableList(found);
	}

	/**
	 * The names of the registered tasks, in run order.
	 * @return the names
	 */
	public List<String> periodicTaskNames() {
		return this.tasks.stream().map((task) -> task.definition.name()).toList();
	}

	/**
	 * Run every task that is due, in order, and say how long the caller may sleep.
	 * @param raiseOnError whether a task's exception is rethrown (the tasks after it do
	 * not run) rather than logged
	 * @return the time until the next task is due, at most the default spacing
	 * @throws Exception a task's exception, when {@code raiseOnError}
	 */
	public Duration runPeriodicTasks(boolean raiseOnError) throws Exception {
		Duration idle = this.settings.defaultSpacing();
		for (TaskState task : this.tasks) {
			idle = min(idle, task.spacing);
			long now = this.nanoClock.getAsLong();
			if (task.lastRun != null) {
				long remaining = task.lastRun + task.spacing.toNanos() - now;
				if (remaining > 0) {
					idle = min(idle, Duration.ofNanos(remaining));
					continue;
				}
			}
			task.lastRun = TaskSchedule.nearestBoundary(task.lastRun, task.spacing, now,
					this.settings.jitter() ? this.random.getAsDouble() : 0);
			run(task, raiseOnError);
		}
		return idle;
	}

	/**
	 * Drive this object's tasks from a dynamic timer of {@code group}, as OpenStack
	 * services do with
	 * {@code add_dynamic_timer(run_periodic_tasks, periodic_interval_max=...)}: run what
	 * is due, then sleep until the next task is due, at most {@code intervalMax}
	 * ({@code oslo.service.periodic.interval-max}). A task's exception is logged.
	 * @param group the task group whose timer runs the tasks
	 * @param intervalMax the longest sleep between two passes
	 * @return the running timer
	 */
	public DynamicLoopingCall drive(TaskGroup group, Duration intervalMax) {
		return group.addDynamicTimer(() -> runPeriodicTasks(false), Duration.ZERO, intervalMax);
	}

	private void run(TaskState task, boolean raiseOnError) throws Exception {
		logger.debug("Running periodic task {}.{}", getClass().getSimpleName(), task.definition.name());
		try {
			task.definition.method().invoke(this);
		}
		catch (InvocationTargetException ex) {
			Throwable failure = ex.getCause();
			if (raiseOnError) {
				throw (failure instanceof Exception exception) ? exception : ex;
			}
			logger.error("Error during {}.{}", getClass().getSimpleName(), task.definition.name(), failure);
		}
	}

	private static Duration parse(PeriodicTaskDefinition definition) {
		try {
			return DurationFormat.parse(definition.spacing(), ChronoUnit.SECONDS);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException(
					"@PeriodicTask " + definition.method().getDeclaringClass().getName() + "."
							+ definition.method().getName() + " has an invalid spacing '" + definition.spacing() + "'",
					ex);
		}
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	/**
	 * Settings of {@link PeriodicTasks}.
	 *
	 * @param defaultSpacing the spacing of tasks that say {@code 0}, and the longest idle
	 * time
	 * @param runExternalPeriodicTasks whether {@code externalProcessOk} tasks run here
	 * @param jitter whether runs are spread by up to 5 % of their spacing
	 */
	public record Settings(Duration defaultSpacing, boolean runExternalPeriodicTasks, boolean jitter) {

		/** oslo's defaults: 60 s, external tasks run here, jitter on. */
		public static final Settings DEFAULTS = new Settings(Duration.ofSeconds(60), true, true);

		/**
		 * Check the values.
		 */
		public Settings {
			if (defaultSpacing.isNegative() || defaultSpacing.isZero()) {
				throw new IllegalArgumentException("defaultSpacing must be positive, was " + defaultSpacing);
			}
		}

	}

	private static final class TaskState {

		private final PeriodicTaskDefinition definition;

		private final Duration spacing;

		private @Nullable Long lastRun;

		private TaskState(PeriodicTaskDefinition definition, Duration spacing, @Nullable Long lastRun) {
			this.definition = definition;
			this.spacing = spacing;
			this.lastRun = lastRun;
		}

	}

}
