package dev.oslo.service.actuate;

import java.util.Map;

import dev.oslo.service.ReloadCoordinator;
import dev.oslo.service.ReloadOutcome;
import dev.oslo.service.ReloadResult;
import dev.oslo.service.ReloadTrigger;

import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.actuate.endpoint.web.annotation.EndpointWebExtension;
import org.springframework.cloud.endpoint.RefreshEndpoint;

/**
 * Spring Cloud's {@code refresh} endpoint over HTTP, as a reload: {@code POST
 * /actuator/refresh} runs the reload SIGHUP runs (checked, coalesced, services restarted
 * or reset) and answers once it has ended: {@code 200} with the changed keys, as Spring
 * Cloud's endpoint does; {@code 400} with the error when the new configuration was
 * rejected (nothing changed); {@code 500} with the error when the reload failed
 * otherwise.
 *
 * @since 0.1.0
 */
@EndpointWebExtension(endpoint = RefreshEndpoint.class)
public class RefreshEndpointWebExtension {

	private final ReloadCoordinator reloads;

	/**
	 * Create the extension.
	 * @param reloads the coordinator that runs the reload
	 */
	public RefreshEndpointWebExtension(ReloadCoordinator reloads) {
		this.reloads = reloads;
	}

	/**
	 * Reload and answer with its outcome.
	 * @return the changed keys, or the error
	 */
	@WriteOperation
	public WebEndpointResponse<Object> refresh() {
		ReloadResult result = this.reloads.request(ReloadTrigger.REFRESH_ENDPOINT).join();
		if (result.outcome() == ReloadOutcome.SUCCESS) {
			return new WebEndpointResponse<>(result.changedKeys().stream().sorted().toList());
		}
		int status = result.configurationRejected() ? WebEndpointResponse.STATUS_BAD_REQUEST
				: WebEndpointResponse.STATUS_INTERNAL_SERVER_ERROR;
		return new WebEndpointResponse<>(Map.of("outcome", "failure", "error", String.valueOf(result.error())), status);
	}

}
