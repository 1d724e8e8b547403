package dev.oslo.service.autoconfigure;

import dev.oslo.service.Launcher;
import dev.oslo.service.actuate.LauncherHealthIndicator;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.health.autoconfigure.contributor.ConditionalOnEnabledHealthIndicator;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the {@code launcher} health component.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = OsloServiceAutoConfiguration.class)
@ConditionalOnClass({ HealthIndicator.class, ConditionalOnEnabledHealthIndicator.class })
@ConditionalOnBean(Launcher.class)
@ConditionalOnBooleanProperty(name = "oslo.service.enabled", matchIfMissing = true)
public final class LauncherHealthContributorAutoConfiguration {

	@Bean
	@ConditionalOnEnabledHealthIndicator("launcher")
	@ConditionalOnMissingBean(name = "launcherHealthIndicator")
	LauncherHealthIndicator launcherHealthIndicator(Launcher launcher) {
		return new LauncherHealthIndicator(launcher);
	}

}
