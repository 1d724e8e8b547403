package dev.oslo.service.periodic;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * The arithmetic of periodic runs: runs stay on the grid {@code lastRun + k * spacing},
 * and a run that comes late (an overrun, a busy machine) is counted from the last grid
 * point before now, so missed runs are not made up.
 */
final class TaskSchedule {

	private static final double MAX_JITTER_FRACTION = 0.05;

	private TaskSchedule() {
	}

	/**
	 * oslo's {@code _nearest_boundary}: where a run that starts at {@code now} is
	 * recorded, as the last grid point at or before {@code now}, plus up to 5 % of the
	 * spacing as jitter.
	 * @param lastRun the previous recorded run, in nanoseconds, or {@code null} for the
	 * first run
	 * @param spacing the spacing
	 * @param now the current time, in nanoseconds
	 * @param random a number in {@code [0, 1]}; zero for no jitter
	 * @return the recorded run time, in nanoseconds
	 */
	static long nearestBoundary(@Nullable Long lastRun, Duration spacing, long now, double random) {
		if (lastRun == null) {
			return now;
		}
		long spacingNanos = spacing.toNanos();
		long jitter = (long) (spacingNanos * random * MAX_JITTER_FRACTION);
		return now - Math.floorMod(now - lastRun, spacingNanos) + jitter;
	}

}
