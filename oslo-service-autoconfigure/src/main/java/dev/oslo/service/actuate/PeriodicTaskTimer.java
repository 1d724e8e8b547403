package dev.oslo.service.actuate;

import java.time.Duration;

import dev.oslo.service.periodic.TaskRunListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * Times every periodic task run as {@code oslo.periodic.task}, tagged {@code name} and
 * {@code outcome} ({@code success} or {@code failure}).
 */
public class PeriodicTaskTimer implements TaskRunListener {

	private final MeterRegistry registry;

	/**
	 * Create the listener.
	 * @param registry where the timer lives
	 */
	public PeriodicTaskTimer(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void ran(String name, Duration duration, @Nullable Throwable failure) {
		Timer.builder("oslo.periodic.task")
			.description("Runs of periodic tasks")
			.tag("name", name)
			.tag("outcome", (failure == null) ? "success" : "failure")
			.register(this.registry)
			.record(duration);
	}

}
