package dev.oslo.service.autoconfigure;

import dev.oslo.service.ConfigurationRefresher;
import dev.oslo.service.GracefulShutdown;
import dev.oslo.service.LauncherSignals;
import dev.oslo.service.ProcessExit;
import dev.oslo.service.ReloadCoordinator;
import dev.oslo.service.ServiceBase;
import dev.oslo.service.ServiceLauncher;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.context.refresh.ContextRefresher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Auto-configuration of the in-process launcher: every {@link ServiceBase} bean is launched when
 * the context starts and stopped when it closes; SIGTERM stops them gracefully under
 * {@code oslo.service.graceful-shutdown-timeout}, SIGINT exits at once, and SIGHUP re-reads the
 * configuration (with Spring Cloud Context) and restarts or resets the services.
 */
@AutoConfiguration(afterName = "org.springframework.cloud.autoconfigure.RefreshAutoConfiguration")
@EnableConfigurationProperties(OsloServiceProperties.class)
public final class OsloServiceAutoConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(OsloServiceAutoConfiguration.class);

	@Bean
	@ConditionalOnMissingBean
	ServiceLauncher osloServiceLauncher(OsloServiceProperties properties) {
		return new ServiceLauncher(properties::toLauncherConfig);
	}

	@Bean
	LauncherLifecycle osloServiceLauncherLifecycle(ServiceLauncher launcher, ReloadCoordinator reloads,
			ConfigurableListableBeanFactory beanFactory) {
		return new LauncherLifecycle(launcher, reloads, beanFactory);
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	ReloadCoordinator osloServiceReloadCoordinator(ServiceLauncher launcher,
			ObjectProvider<ConfigurationRefresher> refresher) {
		ConfigurationRefresher configurationRefresher = refresher.getIfAvailable();
		if (configurationRefresher == null) {
			logger.warn("spring-cloud-context is not on the classpath (or spring.cloud.refresh.enabled=false): "
					+ "SIGHUP resets the services without re-reading the configuration");
		}
		return new ReloadCoordinator(launcher, configurationRefresher);
	}

	@Bean
	ReloadReadiness osloServiceReloadReadiness(ReloadCoordinator reloads) {
		return new ReloadReadiness(reloads);
	}

	@Bean
	@ConditionalOnMissingBean
	ProcessExit osloServiceProcessExit() {
		return ProcessExit.JVM;
	}

	@Bean(initMethod = "install", destroyMethod = "close")
	@ConditionalOnBooleanProperty(name = "oslo.service.signals.enabled", matchIfMissing = true)
	LauncherSignals osloServiceLauncherSignals(ServiceLauncher launcher, ProcessExit exit,
			ReloadCoordinator reloads, ConfigurableApplicationContext context) {
		return new LauncherSignals(new GracefulShutdown(launcher, exit), new ContextShutdownSteps(context), exit,
				reloads);
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "oslo.service.log-options", matchIfMissing = true)
	ConfigurationOptionsLogger osloServiceOptionsLogger(OsloServiceProperties properties,
			ConfigurableEnvironment environment) {
		return new ConfigurationOptionsLogger(properties, environment);
	}

	/**
	 * Re-reading the configuration on SIGHUP, where Spring Cloud's context refresh is available.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(ContextRefresher.class)
	static class ConfigurationRefresherConfiguration {

		@Bean
		@ConditionalOnBean(ContextRefresher.class)
		@ConditionalOnMissingBean
		ConfigurationRefresher osloServiceConfigurationRefresher(ConfigurableApplicationContext context,
				ContextRefresher contextRefresher) {
			return new ValidatingConfigurationRefresher(context, contextRefresher);
		}

	}

}
