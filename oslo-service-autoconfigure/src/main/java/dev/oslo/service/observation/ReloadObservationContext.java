package dev.oslo.service.observation;

import dev.oslo.service.ReloadTrigger;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * What an observation of one configuration reload knows.
 *
 * @since 0.1.0
 */
public class ReloadObservationContext extends Observation.Context {

	private final ReloadTrigger trigger;

	private @Nullable String outcome;

	/**
	 * Create the context of one reload.
	 * @param trigger what asked for it
	 */
	public ReloadObservationContext(ReloadTrigger trigger) {
		this.trigger = trigger;
	}

	/**
	 * What asked for the reload.
	 * @return the trigger
	 */
	public ReloadTrigger getTrigger() {
		return this.trigger;
	}

	/**
	 * How the reload ended.
	 * @return {@code success} or {@code failure}; {@code null} while it runs
	 */
	public @Nullable String getOutcome() {
		return this.outcome;
	}

	/**
	 * Say how the reload ended.
	 * @param outcome the outcome
	 */
	public void setOutcome(String outcome) {
		this.outcome = outcome;
	}

}
