package dev.oslo.service.periodic;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Told about every run of a periodic task, e.g. to time it in a meter registry.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface TaskRunListener {

	/** Does nothing. */
	TaskRunListener NONE = (name, duration, failure) -> {
	};

	/**
	 * A run ended.
	 * @param name the task
	 * @param duration how long it took
	 * @param failure what it threw, or {@code null} on success
	 */
	void ran(String name, Duration duration, @Nullable Throwable failure);

	/**
	 * A run of a cluster-singleton task was skipped.
	 * @param name the task
	 * @param outcome {@code locked} (another replica held the lock) or
	 * {@code lock-unavailable} (the lock's store could not be reached)
	 * @param duration how long asking for the lock took
	 */
	default void skipped(String name, String outcome, Duration duration) {
	}

}
