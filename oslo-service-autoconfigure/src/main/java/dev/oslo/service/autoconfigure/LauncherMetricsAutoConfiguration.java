package dev.oslo.service.autoconfigure;

import dev.oslo.service.Launcher;
import dev.oslo.service.ReloadCoordinator;
import dev.oslo.service.actuate.LauncherMetrics;
import dev.oslo.service.actuate.ReloadMetrics;
import io.micrometer.core.instrument.binder.MeterBinder;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the launcher's Micrometer meters.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = OsloServiceAutoConfiguration.class)
@ConditionalOnClass(MeterBinder.class)
@ConditionalOnBean(Launcher.class)
@ConditionalOnBooleanProperty(name = "oslo.service.enabled", matchIfMissing = true)
public final class LauncherMetricsAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	LauncherMetrics launcherMetrics(Launcher launcher) {
		return new LauncherMetrics(launcher);
	}

	@Bean
	@ConditionalOnBean(ReloadCoordinator.class)
	@ConditionalOnMissingBean
	ReloadMetrics reloadMetrics() {
		return new ReloadMetrics();
	}

}
