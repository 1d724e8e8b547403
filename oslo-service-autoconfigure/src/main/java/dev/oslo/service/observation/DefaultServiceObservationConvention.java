package dev.oslo.service.observation;

import java.util.Locale;

import dev.oslo.service.observation.OsloServiceObservationDocumentation.ServiceKeyNames;
import io.micrometer.common.KeyValues;

/**
 * Names the observation {@code oslo.service.service} ("service start" or "service stop"
 * and the service's name in a trace), with the keys {@code name}, {@code operation} and,
 * once the call has ended, {@code outcome}.
 *
 * @since 0.1.0
 */
public class DefaultServiceObservationConvention implements ServiceObservationConvention {

	@Override
	public String getName() {
		return "oslo.service.service";
	}

	@Override
	public String getContextualName(ServiceObservationContext context) {
		return "service " + operation(context) + " " + context.getServiceName();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(ServiceObservationContext context) {
		KeyValues values = KeyValues.of(ServiceKeyNames.NAME.withValue(context.getServiceName()),
				ServiceKeyNames.OPERATION.withValue(operation(context)));
		String outcome = context.getOutcome();
		return (outcome != null) ? values.and(ServiceKeyNames.OUTCOME.withValue(outcome)) : values;
	}

	private static String operation(ServiceObservationContext context) {
		return context.getOperation().name().toLowerCase(Locale.ROOT);
	}

}
