package dev.oslo.service.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * The names and keys of the observation of a periodic task run: a bean of this type
 * replaces {@link DefaultPeriodicTaskObservationConvention}.
 *
 * @since 0.1.0
 */
public interface PeriodicTaskObservationConvention extends ObservationConvention<PeriodicTaskObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof PeriodicTaskObservationContext;
	}

}
