package dev.oslo.service.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * The names and keys of the observation of a service's start or stop: a bean of this type
 * replaces {@link DefaultServiceObservationConvention}.
 *
 * @since 0.1.0
 */
public interface ServiceObservationConvention extends ObservationConvention<ServiceObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof ServiceObservationContext;
	}

}
