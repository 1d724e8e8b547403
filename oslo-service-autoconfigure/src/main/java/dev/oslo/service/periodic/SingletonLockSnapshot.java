package dev.oslo.service.periodic;

import java.time.Duration;
import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * A cluster-singleton task's last dealings with its lock, for observers.
 *
 * @param lockAtMostFor the lock's lifetime if its holder dies, as configured now
 * @param lockAtLeastFor the least time the lock is held, as configured now
 * @param lastOutcome {@code acquired}, {@code locked} (another replica held it: the run
 * was skipped) or {@code lock-unavailable} (the lock's store could not be reached:
 * skipped too)
 * @param lastAttemptAt when the lock was last asked for
 * @param holder who held the lock at that attempt, where the lock's store tells
 * @param lastError why the store could not be reached, after {@code lock-unavailable}
 * @param acquired how many attempts took the lock
 * @param locked how many runs were skipped because another replica held the lock
 * @param unavailable how many runs were skipped because the store could not be reached
 * @since 0.1.0
 */
public record SingletonLockSnapshot(Duration lockAtMostFor, Duration lockAtLeastFor, @Nullable String lastOutcome,
		@Nullable Instant lastAttemptAt, @Nullable String holder, @Nullable String lastError, long acquired,
		long locked, long unavailable) {
}
