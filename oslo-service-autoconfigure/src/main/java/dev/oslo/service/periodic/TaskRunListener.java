package dev.oslo.service.periodic;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * Told about every run of a periodic task, e.g. to time it in a meter registry.
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

}
