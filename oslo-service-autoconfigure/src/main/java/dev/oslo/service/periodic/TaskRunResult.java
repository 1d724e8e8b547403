package dev.oslo.service.periodic;

import java.util.Objects;

import org.jspecify.annotations.Nullable;

/**
 * How one attempt to run a periodic task ended, in the outcome vocabulary that its
 * endpoint, timer and observation share.
 *
 * @param outcome {@link #SUCCESS}, {@link #FAILURE}, or, for a cluster-singleton task
 * whose run was skipped, {@link #LOCKED} or {@link #LOCK_UNAVAILABLE}
 * @param failure what the task threw, for {@link #FAILURE}
 * @since 0.1.0
 */
public record TaskRunResult(String outcome, @Nullable Throwable failure) {

	/** The task ran and returned. */
	public static final String SUCCESS = "success";

	/** The task ran and threw. */
	public static final String FAILURE = "failure";

	/** The run was skipped: another replica held the task's cluster lock. */
	public static final String LOCKED = "locked";

	/** The run was skipped: the cluster lock's store could not be reached. */
	public static final String LOCK_UNAVAILABLE = "lock-unavailable";

	/**
	 * Check the values.
	 */
	public TaskRunResult {
		Objects.requireNonNull(outcome, "outcome");
	}

	/**
	 * Whether the task ran (successfully or not) rather than being skipped.
	 * @return {@code true} for {@link #SUCCESS} and {@link #FAILURE}
	 */
	public boolean ran() {
		return SUCCESS.equals(this.outcome) || FAILURE.equals(this.outcome);
	}

	/**
	 * The end of a run that returned, or that threw {@code failure}.
	 * @param failure what the task threw, or {@code null}
	 * @return the result
	 */
	static TaskRunResult ran(@Nullable Throwable failure) {
		return new TaskRunResult((failure != null) ? FAILURE : SUCCESS, failure);
	}

	/**
	 * The end of a skipped run.
	 * @param outcome {@link #LOCKED} or {@link #LOCK_UNAVAILABLE}
	 * @return the result
	 */
	static TaskRunResult skipped(String outcome) {
		return new TaskRunResult(outcome, null);
	}

}
