package dev.oslo.service.observation;

import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * What an observation of one attempt to run a periodic task knows.
 *
 * @since 0.1.0
 */
public class PeriodicTaskObservationContext extends Observation.Context {

	private final String taskName;

	private @Nullable String outcome;

	/**
	 * Create the context of one attempt.
	 * @param taskName the task's name
	 */
	public PeriodicTaskObservationContext(String taskName) {
		this.taskName = taskName;
	}

	/**
	 * The task.
	 * @return its name
	 */
	public String getTaskName() {
		return this.taskName;
	}

	/**
	 * How the attempt ended.
	 * @return {@code success}, {@code failure}, {@code locked} or
	 * {@code lock-unavailable}; {@code null} while it runs
	 */
	public @Nullable String getOutcome() {
		return this.outcome;
	}

	/**
	 * Say how the attempt ended.
	 * @param outcome the outcome
	 */
	public void setOutcome(String outcome) {
		this.outcome = outcome;
	}

}
