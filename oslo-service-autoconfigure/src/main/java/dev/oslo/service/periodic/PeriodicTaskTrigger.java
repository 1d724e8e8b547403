package dev.oslo.service.periodic;

import java.time.Duration;
import java.time.Instant;
import java.util.function.DoubleSupplier;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;

import org.springframework.scheduling.Trigger;
import org.springframework.scheduling.TriggerContext;

/**
 * When a periodic task runs next. Runs sit on a grid of the spacing, counted from the
 * scheduler's start (or from the last run, after a reschedule); a run that ends after its
 * next grid point moves the next run to the first grid point after it ends (no catch-up
 * burst); the spacing is read at every decision; an optional jitter of up to 5 % of the
 * spacing is added to each run without moving the grid.
 */
final class PeriodicTaskTrigger implements Trigger {

	private static final double MAX_JITTER_FRACTION = 0.05;

	private final Supplier<TaskSettings> settings;

	private final DoubleSupplier jitter;

	private final @Nullable Instant lastRun;

	private @Nullable Instant grid;

	private volatile @Nullable Instant next;

	/**
	 * Create the trigger.
	 * @param settings the task's settings, read at each decision
	 * @param jitter numbers in {@code [0, 1]}; always zero for no jitter
	 * @param lastRun when the task last ran before this trigger, to continue its grid
	 * after a reschedule; {@code null} for a new task
	 */
	PeriodicTaskTrigger(Supplier<TaskSettings> settings, DoubleSupplier jitter, @Nullable Instant lastRun) {
		this.settings = settings;
		this.jitter = jitter;
		this.lastRun = lastRun;
	}

	@Override
	public @Nullable Instant nextExecution(TriggerContext context) {
		TaskSettings current = this.settings.get();
		Duration spacing = current.spacing();
		if (spacing == null) {
			this.next = null;
			return null;
		}
		Instant now = context.getClock().instant();
		Instant point;
		if (this.grid == null) {
			point = firstPoint(current, spacing, now);
		}
		else {
			point = this.grid.plus(spacing);
			Instant completion = context.lastCompletion();
			if (completion != null && completion.isAfter(point)) {
				long missed = Duration.between(this.grid, completion).toNanos() / spacing.toNanos();
				point = this.grid.plus(spacing.multipliedBy(missed + 1));
			}
		}
		this.grid = point;
		Instant when = point.plusNanos((long) (spacing.toNanos() * MAX_JITTER_FRACTION * this.jitter.getAsDouble()));
		this.next = when;
		return when;
	}

	/**
	 * The run the trigger last scheduled.
	 * @return its time, or {@code null} when none is scheduled
	 */
	@Nullable Instant next() {
		return this.next;
	}

	private Instant firstPoint(TaskSettings current, Duration spacing, Instant now) {
		if (this.lastRun != null) {
			Instant due = this.lastRun.plus(spacing);
			return due.isBefore(now) ? now : due;
		}
		return current.runImmediately() ? now : now.plus(spacing);
	}

}
