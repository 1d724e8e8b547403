package dev.oslo.service.autoconfigure;

import dev.oslo.service.GracefulShutdown;
import dev.oslo.service.ProcessExit;
import dev.oslo.service.ServiceBase;
import dev.oslo.service.ServiceLauncher;
import dev.oslo.service.ShutdownSignals;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Auto-configuration of the in-process launcher: every {@link ServiceBase} bean is launched when
 * the context starts and stopped when it closes; SIGTERM stops them gracefully under
 * {@code oslo.service.graceful-shutdown-timeout} and SIGINT exits at once.
 */
@AutoConfiguration
@EnableConfigurationProperties(OsloServiceProperties.class)
public final class OsloServiceAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	ServiceLauncher osloServiceLauncher(OsloServiceProperties properties) {
		return new ServiceLauncher(properties::toLauncherConfig);
	}

	@Bean
	LauncherLifecycle osloServiceLauncherLifecycle(ServiceLauncher launcher, ListableBeanFactory beanFactory) {
		return new LauncherLifecycle(launcher, beanFactory);
	}

	@Bean
	@ConditionalOnMissingBean
	ProcessExit osloServiceProcessExit() {
		return ProcessExit.JVM;
	}

	@Bean(initMethod = "install", destroyMethod = "close")
	@ConditionalOnBooleanProperty(name = "oslo.service.signals.enabled", matchIfMissing = true)
	ShutdownSignals osloServiceShutdownSignals(ServiceLauncher launcher, ProcessExit exit,
			ConfigurableApplicationContext context) {
		return new ShutdownSignals(new GracefulShutdown(launcher, exit), new ContextShutdownSteps(context), exit);
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "oslo.service.log-options", matchIfMissing = true)
	ConfigurationOptionsLogger osloServiceOptionsLogger(OsloServiceProperties properties,
			ConfigurableEnvironment environment) {
		return new ConfigurationOptionsLogger(properties, environment);
	}

}
