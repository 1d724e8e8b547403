package dev.oslo.service.periodic;

/**
 * One task's snapshot, looked up by name, for tests.
 */
public final class TaskSnapshots {

	private TaskSnapshots() {
	}

	/**
	 * The snapshot of one task at this moment.
	 * @param scheduler the scheduler that runs it
	 * @param name the task's name
	 * @return its snapshot
	 * @throws java.util.NoSuchElementException if there is no such task
	 */
	public static PeriodicTaskSnapshot named(PeriodicTaskScheduler scheduler, String name) {
		return scheduler.snapshot().stream().filter((task) -> task.name().equals(name)).findFirst().orElseThrow();
	}

}
