package dev.oslo.service.autoconfigure;

import dev.oslo.service.Launcher;
import dev.oslo.service.ReloadCoordinator;
import dev.oslo.service.actuate.LauncherEndpoint;
import dev.oslo.service.actuate.RefreshEndpointWebExtension;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.cloud.endpoint.RefreshEndpoint;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the {@code launcher} Actuator endpoint, and of Spring Cloud's
 * {@code refresh} endpoint as a reload over HTTP.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = OsloServiceAutoConfiguration.class,
		afterName = "org.springframework.cloud.autoconfigure.RefreshEndpointAutoConfiguration")
@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
@ConditionalOnBean({ Launcher.class, ReloadCoordinator.class })
@ConditionalOnBooleanProperty(name = "oslo.service.enabled", matchIfMissing = true)
public final class LauncherEndpointAutoConfiguration {

	@Bean
	@ConditionalOnAvailableEndpoint
	@ConditionalOnMissingBean
	LauncherEndpoint launcherEndpoint(Launcher launcher, ReloadCoordinator reloads) {
		return new LauncherEndpoint(launcher, reloads);
	}

	/**
	 * {@code POST /actuator/refresh} as a reload, where Spring Cloud's endpoint is
	 * available.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(RefreshEndpoint.class)
	@ConditionalOnBean(RefreshEndpoint.class)
	static class RefreshEndpointConfiguration {

		@Bean
		@ConditionalOnAvailableEndpoint(endpoint = RefreshEndpoint.class)
		@ConditionalOnMissingBean
		RefreshEndpointWebExtension osloServiceRefreshEndpointWebExtension(ReloadCoordinator reloads) {
			return new RefreshEndpointWebExtension(reloads);
		}

	}

}
