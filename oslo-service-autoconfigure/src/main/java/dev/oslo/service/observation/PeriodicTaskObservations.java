package dev.oslo.service.observation;

import java.util.function.Supplier;

import dev.oslo.service.periodic.TaskRunDecorator;
import dev.oslo.service.periodic.TaskRunResult;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Observes every attempt to run a periodic task as
 * {@link OsloServiceObservationDocumentation#PERIODIC_TASK}, current on the thread that
 * runs it: logs written by the task carry the trace id, and the spans it starts (the
 * cluster lock's query among them) nest in the run's. A failed run records what the task
 * threw as the observation's error.
 *
 * @since 0.1.0
 */
public class PeriodicTaskObservations implements TaskRunDecorator {

	private static final PeriodicTaskObservationConvention DEFAULT_CONVENTION = new DefaultPeriodicTaskObservationConvention();

	private final ObservationRegistry registry;

	private final @Nullable PeriodicTaskObservationConvention convention;

	/**
	 * Observe with the default convention.
	 * @param registry where the observations go
	 */
	public PeriodicTaskObservations(ObservationRegistry registry) {
		this(registry, null);
	}

	/**
	 * Observe with a convention of your own.
	 * @param registry where the observations go
	 * @param convention names and keys the observations; {@code null} for the default
	 */
	public PeriodicTaskObservations(ObservationRegistry registry,
			@Nullable PeriodicTaskObservationConvention convention) {
		this.registry = registry;
		this.convention = convention;
	}

	@Override
	public Supplier<TaskRunResult> decorate(String task, Supplier<TaskRunResult> attempt) {
		PeriodicTaskObservationContext context = new PeriodicTaskObservationContext(task);
		Observation observation = OsloServiceObservationDocumentation.PERIODIC_TASK.observation(this.convention,
				DEFAULT_CONVENTION, () -> context, this.registry);
		return () -> CurrentObservation.run(observation, context::setOutcome, attempt::get, (result) -> {
			Throwable failure = result.failure();
			if (failure != null) {
				observation.error(failure);
			}
			return result.outcome();
		});
	}

}
