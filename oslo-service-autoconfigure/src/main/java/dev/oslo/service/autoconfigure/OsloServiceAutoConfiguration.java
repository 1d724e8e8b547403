package dev.oslo.service.autoconfigure;

import dev.oslo.service.ConfigurationRefresher;
import dev.oslo.service.GracefulShutdown;
import dev.oslo.service.LauncherSignals;
import dev.oslo.service.ProcessExit;
import dev.oslo.service.ReloadCoordinator;
import dev.oslo.service.ServiceBase;
import dev.oslo.service.Launcher;
import dev.oslo.service.ProcessLauncher;
import dev.oslo.service.ServiceLauncher;
import dev.oslo.service.process.WorkerCommand;
import dev.oslo.service.process.WorkerIdentity;
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
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;

/**
 * Auto-configuration of the launcher: every {@link ServiceBase} bean is launched when the context
 * starts and stopped when it closes; SIGTERM stops them gracefully under
 * {@code oslo.service.graceful-shutdown-timeout}, SIGINT exits at once, and SIGHUP re-reads the
 * configuration (with Spring Cloud Context) and restarts or resets the services. With
 * {@code oslo.service.workers} above 1 this process is instead the master of that many worker JVMs,
 * each of which runs the services.
 */
@AutoConfiguration(afterName = "org.springframework.cloud.autoconfigure.RefreshAutoConfiguration")
@EnableConfigurationProperties(OsloServiceProperties.class)
public final class OsloServiceAutoConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(OsloServiceAutoConfiguration.class);

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	ReloadCoordinator osloServiceReloadCoordinator(Launcher launcher,
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
	@ConditionalOnBooleanProperty(name = "oslo.service.liveness.broken-on-failure", matchIfMissing = true)
	ServiceFailureLiveness osloServiceFailureLiveness(Launcher launcher, ReloadCoordinator reloads,
			ApplicationEventPublisher publisher) {
		ServiceFailureLiveness liveness = new ServiceFailureLiveness(launcher, publisher);
		reloads.addListener(liveness);
		return liveness;
	}

	@Bean
	@ConditionalOnMissingBean
	ProcessExit osloServiceProcessExit() {
		return ProcessExit.JVM;
	}

	@Bean
	@ConditionalOnMissingBean
	GracefulShutdown osloServiceGracefulShutdown(Launcher launcher, ProcessExit exit) {
		return new GracefulShutdown(launcher, exit);
	}

	@Bean(initMethod = "install", destroyMethod = "close")
	@ConditionalOnBooleanProperty(name = "oslo.service.signals.enabled", matchIfMissing = true)
	LauncherSignals osloServiceLauncherSignals(GracefulShutdown shutdown, ReloadCoordinator reloads,
			ConfigurableApplicationContext context) {
		return new LauncherSignals(shutdown, new ContextShutdownSteps(context), reloads);
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "oslo.service.log-options", matchIfMissing = true)
	ConfigurationOptionsLogger osloServiceOptionsLogger(OsloServiceProperties properties,
			ConfigurableEnvironment environment) {
		return new ConfigurationOptionsLogger(properties, environment);
	}

	/**
	 * A process that runs the services itself: a single process, or a worker of a master.
	 */
	@Configuration(proxyBeanMethods = false)
	@Conditional(OnProcessRoleCondition.RunsServices.class)
	static class InProcessConfiguration {

		@Bean
		@ConditionalOnMissingBean(Launcher.class)
		ServiceLauncher osloServiceLauncher(OsloServiceProperties properties) {
			return new ServiceLauncher(properties::toLauncherConfig);
		}

		@Bean
		@ConditionalOnBean(ServiceLauncher.class)
		LauncherLifecycle osloServiceLauncherLifecycle(ServiceLauncher launcher, ReloadCoordinator reloads,
				ConfigurableListableBeanFactory beanFactory) {
			return new LauncherLifecycle(launcher, reloads, beanFactory);
		}

	}

	/**
	 * A master of worker JVMs ({@code oslo.service.workers} above 1): it runs no services itself.
	 */
	@Configuration(proxyBeanMethods = false)
	@Conditional(OnProcessRoleCondition.Master.class)
	static class MasterConfiguration {

		@Bean
		@ConditionalOnMissingBean
		WorkerCommand osloServiceWorkerCommand() {
			return WorkerCommand.ofCurrentProcess();
		}

		@Bean
		@ConditionalOnMissingBean(Launcher.class)
		ProcessLauncher osloServiceProcessLauncher(OsloServiceProperties properties, WorkerCommand command) {
			return new ProcessLauncher(properties::toLauncherConfig, properties.getWorker()::toSupervisionSettings,
					command);
		}

		@Bean
		@ConditionalOnBean(ProcessLauncher.class)
		WorkersLifecycle osloServiceWorkersLifecycle(ProcessLauncher launcher, ReloadCoordinator reloads,
				GracefulShutdown shutdown, ConfigurableApplicationContext context, OsloServiceProperties properties) {
			return new WorkersLifecycle(launcher, reloads, shutdown, new ContextShutdownSteps(context), properties);
		}

	}

	/**
	 * A worker JVM: it connects to its master once ready.
	 */
	@Configuration(proxyBeanMethods = false)
	@Conditional(OnProcessRoleCondition.Worker.class)
	static class WorkerConfiguration {

		@Bean
		WorkerReadiness osloServiceWorkerReadiness(Launcher launcher, GracefulShutdown shutdown,
				ReloadCoordinator reloads, ConfigurableApplicationContext context) {
			return new WorkerReadiness(WorkerIdentity.current().orElseThrow(), launcher, shutdown,
					new ContextShutdownSteps(context), reloads);
		}

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
