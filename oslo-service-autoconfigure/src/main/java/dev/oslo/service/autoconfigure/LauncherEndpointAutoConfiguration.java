package dev.oslo.service.autoconfigure;

import dev.oslo.service.Launcher;
import dev.oslo.service.ReloadCoordinator;
import dev.oslo.service.actuate.LauncherEndpoint;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code launcher} Actuator endpoint.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = OsloServiceAutoConfiguration.class)
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

}
