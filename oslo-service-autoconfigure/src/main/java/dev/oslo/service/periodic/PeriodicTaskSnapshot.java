package dev.oslo.service.periodic;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * One periodic task at one moment, for observers.
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
 * @since 0.1.0
 */
public record PeriodicTaskSnapshot(String name, @Nullable Duration spacing, @Nullable Instant lastRunAt,
		@Nullable Duration lastDuration, @Nullable String lastOutcome, @Nullable String lastError,
		@Nullable Instant nextRunAt, long runs, long failures, Duration successTime, Duration failureTime,
		@Nullable SingletonLockSnapshot singleton) {
}
