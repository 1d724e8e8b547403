package dev.oslo.service.taskgroup;

/**
 * A bounded {@link TaskGroup} has no room for another thread or timer. Thrown at once,
 * where oslo's eventlet pool blocked silently.
 *
 * @since 0.1.0
 */
public class TaskGroupFullException extends IllegalStateException {

	private static final long serialVersionUID = 1L;

	TaskGroupFullException(String groupName, int maxThreads) {
		super("Task group '" + groupName + "' is full: it already runs " + maxThreads
				+ " threads and timers; stop some or build it with a larger maxThreads");
	}

}
