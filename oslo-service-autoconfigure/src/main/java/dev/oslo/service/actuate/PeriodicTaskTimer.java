package dev.oslo.service.actuate;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.oslo.service.periodic.TaskRunListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * Times every periodic task run as {@code oslo.periodic.task}, tagged {@code name} and
 * {@code outcome} ({@code success} or {@code failure}); a skipped run of a
 * cluster-singleton task is timed as its lock attempt, outcome {@code locked} or
 * {@code lock-unavailable}, so the timers' counts say how often each replica ran, and how
 * often another did. Each task's two timers are registered at its first run of that
 * outcome and reused after, so a run costs a map lookup, not a registration.
 *
 * @since 0.1.0
 */
public class PeriodicTaskTimer implements TaskRunListener {

	private final MeterRegistry registry;

	private final Map<String, Timer> successes = new ConcurrentHashMap<>();

	private final Map<String, Timer> failures = new ConcurrentHashMap<>();

	private final Map<Skip, Timer> skips = new ConcurrentHashMap<>();

	/**
	 * Create the listener.
	 * @param registry where the timers live
	 */
	public PeriodicTaskTimer(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void ran(String name, Duration duration, @Nullable Throwable failure) {
		if (failure == null) {
			this.successes.computeIfAbsent(name, (task) -> register(task, "success")).record(duration);
		}
		else {
			this.failures.computeIfAbsent(name, (task) -> register(task, "failure")).record(duration);
		}
	}

	@Override
	public void skipped(String name, String outcome, Duration duration) {
		this.skips.computeIfAbsent(new Skip(name, outcome), (skip) -> register(name, outcome)).record(duration);
	}

	private Timer register(String name, String outcome) {
		return Timer.builder("oslo.periodic.task")
			.description("Runs of periodic tasks")
			.tag("name", name)
			.tag("outcome", outcome)
			.register(this.registry);
	}

	private record Skip(String name, String outcome) {
	}

}
