package dev.oslo.service.observation;

import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;

/**
 * The names and keys of the observation of a configuration reload: a bean of this type
 * replaces {@link DefaultReloadObservationConvention}.
 *
 * @since 0.1.0
 */
public interface ReloadObservationConvention extends ObservationConvention<ReloadObservationContext> {

	@Override
	default boolean supportsContext(Observation.Context context) {
		return context instanceof ReloadObservationContext;
	}

}
