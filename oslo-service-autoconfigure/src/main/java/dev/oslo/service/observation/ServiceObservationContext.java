package dev.oslo.service.observation;

import dev.oslo.service.ServiceCallDecorator;
import io.micrometer.observation.Observation;
import org.jspecify.annotations.Nullable;

/**
 * What an observation of one start or stop of a service knows.
 *
 * @since 0.1.0
 */
public class ServiceObservationContext extends Observation.Context {

	private final String serviceName;

	private final ServiceCallDecorator.Operation operation;

	private @Nullable String outcome;

	/**
	 * Create the context of one call.
	 * @param serviceName the service's name in its launcher
	 * @param operation what the call does
	 */
	public ServiceObservationContext(String serviceName, ServiceCallDecorator.Operation operation) {
		this.serviceName = serviceName;
		this.operation = operation;
	}

	/**
	 * The service.
	 * @return its name in its launcher
	 */
	public String getServiceName() {
		return this.serviceName;
	}

	/**
	 * What the call does.
	 * @return start or stop
	 */
	public ServiceCallDecorator.Operation getOperation() {
		return this.operation;
	}

	/**
	 * How the call ended.
	 * @return {@code success} or {@code failure}; {@code null} while it runs
	 */
	public @Nullable String getOutcome() {
		return this.outcome;
	}

	/**
	 * Say how the call ended.
	 * @param outcome the outcome
	 */
	public void setOutcome(String outcome) {
		this.outcome = outcome;
	}

}
