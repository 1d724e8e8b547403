package dev.oslo.service.observation;

import dev.oslo.service.observation.OsloServiceObservationDocumentation.ReloadKeyNames;
import io.micrometer.common.KeyValues;

/**
 * Names the observation {@code oslo.service.reload} ("configuration reload" in a trace),
 * with the keys {@code trigger} and, once the reload has ended, {@code outcome}.
 *
 * @since 0.1.0
 */
public class DefaultReloadObservationConvention implements ReloadObservationConvention {

	@Override
	public String getName() {
		return "oslo.service.reload";
	}

	@Override
	public String getContextualName(ReloadObservationContext context) {
		return "configuration reload";
	}

	@Override
	public KeyValues getLowCardinalityKeyValues(ReloadObservationContext context) {
		KeyValues values = KeyValues.of(ReloadKeyNames.TRIGGER.withValue(context.getTrigger().tag()));
		String outcome = context.getOutcome();
		return (outcome != null) ? values.and(ReloadKeyNames.OUTCOME.withValue(outcome)) : values;
	}

}
