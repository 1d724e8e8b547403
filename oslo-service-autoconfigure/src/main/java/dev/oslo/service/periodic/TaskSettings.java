package dev.oslo.service.periodic;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * How one periodic task runs now: its spacing ({@code null} when it is disabled), whether
 * its first run is immediate, and whether it runs once per cluster. Read again at every
 * scheduling decision, so that a reload takes effect.
 *
 * @param spacing the time between runs, or {@code null} if the task is disabled
 * @param runImmediately whether the first run is at once
 * @param singleton the cluster lock's lifetimes, or {@code null} when every replica runs
 * the task
 * @since 0.1.0
 */
public record TaskSettings(@Nullable Duration spacing, boolean runImmediately, @Nullable SingletonLock singleton) {

	/**
	 * Settings of a task that every replica runs.
	 * @param spacing the time between runs, or {@code null} if the task is disabled
	 * @param runImmediately whether the first run is at once
	 */
	public TaskSettings(@Nullable Duration spacing, boolean runImmediately) {
		this(spacing, runImmediately, null);
	}

	/**
	 * How long a cluster-singleton task's lock is held (ShedLock's terms).
	 *
	 * @param lockAtMostFor how long the lock outlives a replica that died holding it;
	 * longer than the longest run, or another replica may start while it still runs
	 * @param lockAtLeastFor how long the lock is kept after a short run, so that a
	 * replica whose clock or schedule is a little behind does not run the same period
	 * again; shorter than the spacing
	 */
	public record SingletonLock(Duration lockAtMostFor, Duration lockAtLeastFor) {

		/**
		 * The defaults for a spacing: held at most twice the spacing, and at least four
		 * fifths of it, which leaves room for the jitter (up to 5 % of the spacing) and a
		 * late start before the holder's own next run.
		 * @param spacing the task's spacing
		 * @return the lock's lifetimes
		 */
		public static SingletonLock forSpacing(Duration spacing) {
			return new SingletonLock(spacing.multipliedBy(2), spacing.multipliedBy(4).dividedBy(5));
		}

	}

}
