package dev.oslo.service.observation;

import java.util.function.Function;

import dev.oslo.service.ServiceCallDecorator;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Observes every start and stop of a service as
 * {@link OsloServiceObservationDocumentation#SERVICE}, current on the thread that does
 * the work. The observation is created on the thread that asks for the call, so a stop
 * that a reload asks for nests in the reload's observation although it runs on a thread
 * of its own.
 *
 * @since 0.1.0
 */
public class ServiceObservations implements ServiceCallDecorator {

	private static final ServiceObservationConvention DEFAULT_CONVENTION = new DefaultServiceObservationConvention();

	private final ObservationRegistry registry;

	private final @Nullable ServiceObservationConvention convention;

	/**
	 * Observe with the default convention.
	 * @param registry where the observations go
	 */
	public ServiceObservations(ObservationRegistry registry) {
		this(registry, null);
	}

	/**
	 * Observe with a convention of your own.
	 * @param registry where the observations go
	 * @param convention names and keys the observations; {@code null} for the default
	 */
	public ServiceObservations(ObservationRegistry registry, @Nullable ServiceObservationConvention convention) {
		this.registry = registry;
		this.convention = convention;
	}

	@Override
	public Call decorate(String service, Operation operation, Call call) {
		ServiceObservationContext context = new ServiceObservationContext(service, operation);
		Observation observation = OsloServiceObservationDocumentation.SERVICE.observation(this.convention,
				DEFAULT_CONVENTION, () -> context, this.registry);
		return () -> CurrentObservation.run(observation, context::setOutcome, () -> {
			call.run();
			return CurrentObservation.SUCCESS;
		}, Function.identity());
	}

}
