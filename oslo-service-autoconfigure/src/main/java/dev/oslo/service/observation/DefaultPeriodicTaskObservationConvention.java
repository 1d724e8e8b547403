package dev.oslo.service.observation;

import dev.oslo.service.observation.OsloServiceObservationDocumentation.PeriodicTaskKeyNames;
import io.micrometer.common.KeyValues;

/**
 * Names the observation {@code oslo.service.periodic.task} ("periodic task" and the
 * task's name in a trace), with the keys {@code name} and, once the attempt has ended,
 * {@code outcome}.
 *
 * @since 0.1.0
 */
public class DefaultPeriodicTaskObservationConvention implements PeriodicTaskObservationConvention {

	@Override
	public String getName() {
		return "oslo.service.periodic.task";
	}

	@Override
	public String getContextualName(PeriodicTaskObservationContext context) {
		return "periodic task " + context.getTaskName();
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(PeriodicTaskObservationContext context) {
		KeyValues values = KeyValues.of(PeriodicTaskKeyNames.NAME.withValue(context.getTaskName()));
		String outcome = context.getOutcome();
		return (outcome != null) ? values.and(PeriodicTaskKeyNames.OUTCOME.withValue(outcome)) : values;
	}

}
