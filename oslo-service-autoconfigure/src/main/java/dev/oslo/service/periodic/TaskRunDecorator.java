package dev.oslo.service.periodic;

import java.util.function.Supplier;

/**
 * Wraps every attempt to run a periodic task, as Spring's {@code TaskDecorator} wraps a
 * task: e.g. to run it in a Micrometer observation that is current on the running thread,
 * so that the task's logs carry the trace id and the spans it starts nest in the run's.
 * An attempt covers the cluster lock request of a cluster-singleton task and, unless the
 * lock is refused, the task's work; the task's own exceptions are part of its
 * {@link TaskRunResult}, not thrown.
 *
 * @since 0.1.0
 * @see TaskRunListener
 */
@FunctionalInterface
public interface TaskRunDecorator {

	/** Leaves every attempt as it is. */
	TaskRunDecorator NONE = (task, attempt) -> attempt;

	/**
	 * Wrap one attempt. Called on the thread that runs the attempt, which then calls the
	 * returned supplier once, at once.
	 * @param task the task's name
	 * @param attempt the attempt itself
	 * @return what to call instead: it must call {@code attempt} once and return its
	 * result
	 */
	Supplier<TaskRunResult> decorate(String task, Supplier<TaskRunResult> attempt);

}
