package dev.oslo.service;

import java.util.Objects;

import dev.oslo.service.taskgroup.TaskGroup;

/**
 * A convenient base for services whose work runs on threads and timers of their own
 * {@link TaskGroup} (oslo's {@code Service}).
 * <p>
 * Override {@link #start()} to add threads and timers to {@link #taskGroup()}.
 * {@link #stop()} stops the timers and lets running work finish;
 * {@link #awaitTermination()} waits for the group. <pre>
 * &#64;Service
 * class Heartbeat extends AbstractService {
 *     &#64;Override
 *     public void start() {
 *         taskGroup().addTimer(Duration.ofSeconds(5), Duration.ZERO, () -&gt; log.info("alive"));
 *     }
 * }
 * </pre>
 *
 * @since 0.1.0
 */
public abstract class AbstractService implements ServiceBase {

	private final TaskGroup taskGroup;

	/**
	 * Create the service with a task group of platform threads named after its class.
	 */
	protected AbstractService() {
		this.taskGroup = new TaskGroup(getClass().getSimpleName());
	}

	/**
	 * Create the service with a task group of your own, e.g. one on virtual threads:
	 * {@code super(TaskGroup.builder("ingest").virtualThreads(true).build())}.
	 * @param taskGroup the service's threads and timers
	 */
	protected AbstractService(TaskGroup taskGroup) {
		this.taskGroup = Objects.requireNonNull(taskGroup, "taskGroup");
	}

	/**
	 * The threads and timers of this service.
	 * @return the service's task group
	 */
	public TaskGroup taskGroup() {
		return this.taskGroup;
	}

	/**
	 * Does nothing; override to add work to the {@link #taskGroup()}.
	 */
	@Override
	public void start() throws Exception {
	}

	/**
	 * Stop the timers of the task group; their runs in progress and the group's threads
	 * finish their work.
	 */
	@Override
	public void stop() {
		this.taskGroup.stopTimers();
	}

	/**
	 * Wait for every thread and timer of the task group to finish.
	 */
	@Override
	public void awaitTermination() throws InterruptedException {
		this.taskGroup.await();
	}

}
