package dev.oslo.service.actuate;

import java.util.List;

import dev.oslo.service.periodic.PeriodicTaskScheduler;
import dev.oslo.service.periodic.PeriodicTaskSnapshot;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code periodictasks} endpoint: every periodic task, its spacing, last and next
 * run, and run counts, or one task by name. Its write operation ({@code POST
 * /actuator/periodictasks/{name}}, off unless
 * {@code management.endpoint.periodictasks.access=unrestricted}) runs one task now. An
 * unknown name answers {@code null}, which the web answers with 404 (see
 * {@link PeriodicTasksEndpointWebExtension}).
 *
 * @since 0.1.0
 */
@Endpoint(id = "periodictasks", defaultAccess = Access.READ_ONLY)
public class PeriodicTasksEndpoint {

	private final PeriodicTaskScheduler scheduler;

	/**
	 * Create the endpoint.
	 * @param scheduler the scheduler to describe
	 */
	public PeriodicTasksEndpoint(PeriodicTaskScheduler scheduler) {
		this.scheduler = scheduler;
	}

	/**
	 * Describe every task.
	 * @return the tasks
	 */
	@ReadOperation
	public PeriodicTasksDescriptor periodicTasks() {
		return new PeriodicTasksDescriptor(this.scheduler.snapshot());
	}

	/**
	 * Describe one task.
	 * @param name the task
	 * @return the task, or {@code null} if there is no task of that name
	 */
	@ReadOperation
	public @Nullable PeriodicTaskSnapshot periodicTask(@Selector String name) {
		return this.scheduler.snapshot()
			.stream()
			.filter((snapshot) -> snapshot.name().equals(name))
			.findFirst()
			.orElse(null);
	}

	/**
	 * Run one task now, outside its schedule; skipped if it is running.
	 * @param name the task
	 * @return whether it ran, and the task afterwards; {@code null} if there is no task
	 * of that name
	 */
	@WriteOperation
	public @Nullable RunDescriptor run(@Selector String name) {
		if (periodicTask(name) == null) {
			return null;
		}
		boolean ran = this.scheduler.runNow(name);
		PeriodicTaskSnapshot task = periodicTask(name);
		return (task != null) ? new RunDescriptor(ran, task) : null;
	}

	/**
	 * The tasks as the endpoint shows them.
	 *
	 * @param tasks every task, in registration order
	 */
	public record PeriodicTasksDescriptor(List<PeriodicTaskSnapshot> tasks) implements OperationResponseBody {
	}

	/**
	 * The result of running a task now.
	 *
	 * @param ran {@code false} if the task was running already
	 * @param task the task afterwards
	 */
	public record RunDescriptor(boolean ran, PeriodicTaskSnapshot task) implements OperationResponseBody {
	}

}
