package dev.oslo.service.actuate;

import dev.oslo.service.actuate.PeriodicTasksEndpoint.RunDescriptor;

import org.springframework.boot.actuate.endpoint.annotation.Selector;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;

/**
 * The {@code periodictasks} endpoint over HTTP: running a task that does not exist
 * answers 404, as reading one does, where the plain endpoint would answer 204.
 *
 * @since 0.1.0
 */
@EndpointWebExtension(endpoint = PeriodicTasksEndpoint.class)
public class PeriodicTasksEndpointWebExtension {

	private final PeriodicTasksEndpoint delegate;

	/**
	 * Create the extension.
	 * @param delegate the endpoint it extends
	 */
	public PeriodicTasksEndpointWebExtension(PeriodicTasksEndpoint delegate) {
		this.delegate = delegate;
	}

	/**
	 * Run one task now, as {@link PeriodicTasksEndpoint#run(String)} does.
	 * @param name the task
	 * @return whether it ran, and the task afterwards; 404 if there is no task of that
	 * name
	 */
	@WriteOperation
	public WebEndpointResponse<RunDescriptor> run(@Selector String name) {
		RunDescriptor result = this.delegate.run(name);
		return (result != null) ? new WebEndpointResponse<>(result)
				: new WebEndpointResponse<>(WebEndpointResponse.STATUS_NOT_FOUND);
	}

}
