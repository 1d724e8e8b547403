package dev.oslo.service.actuate;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.oslo.service.periodic.TaskRunListener;
import dev.oslo.service.periodic.TaskRunResult;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import org.jspecify.annotations.Nullable;

/**
 * Times every periodic task run as {@code oslo.service.periodic.task}, tagged
 * {@code name}, {@code outcome} ({@code success} or {@code failure}) and {@code error}
 * (the simple name of the exception class, or {@code none}), the tags of the timer that
 * Micrometer records for the run's observation; a skipped run of a cluster-singleton task
 * is timed as its lock attempt, outcome {@code locked} or {@code lock-unavailable}, so
 * the timers' counts say how often each replica ran, and how often another did. Each
 * timer is registered at its first run and reused after, so a run costs a map lookup, not
 * a registration. Applications that observe the runs do not need it.
 *
 * @since 0.1.0
 */
public class PeriodicTaskTimer implements TaskRunListener {

	private static final String NO_ERROR = "none";

	private final MeterRegistry registry;

	private final Map<Tags, Timer> timers = new ConcurrentHashMap<>();

	/**
	 * Create the listener.
	 * @param registry where the timers live
	 */
	public PeriodicTaskTimer(MeterRegistry registry) {
		this.registry = registry;
	}

	@Override
	public void ran(String name, Duration duration, @Nullable Throwable failure) {
		record((failure != null) ? new Tags(name, TaskRunResult.FAILURE, failure.getClass().getSimpleName())
				: new Tags(name, TaskRunResult.SUCCESS, NO_ERROR), duration);
	}

	@Override
	public void skipped(String name, String outcome, Duration duration) {
		record(new Tags(name, outcome, NO_ERROR), duration);
	}

	private void record(Tags tags, Duration duration) {
		this.timers.computeIfAbsent(tags, this::register).record(duration);
	}

	private Timer register(Tags tags) {
		return Timer.builder("oslo.service.periodic.task")
			.description("Runs of periodic tasks")
			.tag("name", tags.name())
			.tag("outcome", tags.outcome())
			.tag("error", tags.error())
			.register(this.registry);
	}

	private record Tags(String name, String outcome, String error) {
	}

}
