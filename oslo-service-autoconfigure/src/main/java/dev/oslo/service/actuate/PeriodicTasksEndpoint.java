package dev.oslo.service.actuate;

import java.util.List;

import dev.oslo.service.periodic.PeriodicTaskScheduler;
import dev.oslo.service.periodic.PeriodicTaskSnapshot;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code periodictasks} endpoint: every periodic task, its spacing, last and next
 * run, and run counts. Its write operation ({@code POST /actuator/periodictasks/{name}},
 * off unless {@code management.endpoint.periodictasks.access=unrestricted}) runs one task
 * now.
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
	 * Run one task now, outside its schedule; skipped if it is running.
	 * @param name the task
	 * @return whether it ran, and the task afterwards
	 */
	@WriteOperation
	public RunDescriptor run(@Selector String name) {
		boolean ran = this.scheduler.runNow(name);
		PeriodicTaskSnapshot task = this.scheduler.snapshot()
			.stream()
			.filter((snapshot) -> snapshot.name().equals(name))
			.findFirst()
			.orElseThrow();
		return new RunDescriptor(ran, task);
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
