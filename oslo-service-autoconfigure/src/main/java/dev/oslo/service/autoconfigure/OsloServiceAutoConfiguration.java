package dev.oslo.service.autoconfigure;

import java.util.Objects;
import java.util.Optional;
import java.util.function.Supplier;

import dev.oslo.service.ConfigurationRefresher;
import dev.oslo.service.Launcher;
import dev.oslo.service.LauncherConfig;
import dev.oslo.service.LauncherRuntime;
import dev.oslo.service.ProcessLauncher;
import dev.oslo.service.ReloadCoordinator;
import dev.oslo.service.ReloadListener;
import dev.oslo.service.ServiceBase;
import dev.oslo.service.ServiceCallDecorator;
import dev.oslo.service.ServiceLauncher;
import dev.oslo.service.internal.ProcessExit;
import dev.oslo.service.internal.boot.ConfigurationOptionsLogger;
import dev.oslo.service.internal.boot.LauncherRuntimeEvents;
import dev.oslo.service.internal.boot.ListeningSocketLifecycle;
import dev.oslo.service.internal.boot.MultiProcessHttp;
import dev.oslo.service.internal.boot.OptionValueSanitizer;
import dev.oslo.service.internal.boot.RefuseTrafficThenCloseContext;
import dev.oslo.service.internal.boot.SanitizingFunctionsSanitizer;
import dev.oslo.service.internal.boot.ServiceBeansLifecycle;
import dev.oslo.service.internal.boot.ServiceFailureLiveness;
import dev.oslo.service.internal.boot.WorkerCountWarning;
import dev.oslo.service.internal.boot.WorkerProcessesLifecycle;
import dev.oslo.service.internal.refresh.ValidatingConfigurationRefresher;
import dev.oslo.service.periodic.PeriodicTaskScheduler;
import dev.oslo.service.process.ListeningSocket;
import dev.oslo.service.process.SupervisionSettings;
import dev.oslo.service.process.WorkerCommand;
import dev.oslo.service.process.classdata.ClassDataArchive;
import dev.oslo.service.process.web.SharedSocketTomcatCustomizer;
import dev.oslo.service.systemd.SystemdNotifier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.ConfigurationPropertiesBindHandlerAdvisor;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.context.refresh.ContextRefresher;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * Auto-configuration of the launcher: every {@link ServiceBase} bean is launched when the
 * context starts and stopped when it closes; SIGTERM stops them gracefully under
 * {@code oslo.service.graceful-shutdown-timeout}, SIGINT exits at once, and SIGHUP
 * re-reads the configuration (with Spring Cloud Context) and restarts or resets the
 * services. With {@code oslo.service.workers} above 1 this process is instead the master
 * of that many worker JVMs, each of which runs the services.
 * <p>
 * The {@link LauncherRuntime} collects every {@link ReloadListener} bean, in order; the
 * {@link ReloadCoordinator} bean is the runtime's.
 *
 * @since 0.1.0
 */
@AutoConfiguration(afterName = "org.springframework.cloud.autoconfigure.RefreshAutoConfiguration")
@EnableConfigurationProperties(OsloServiceProperties.class)
@ConditionalOnBooleanProperty(name = "oslo.service.enabled", matchIfMissing = true)
public final class OsloServiceAutoConfiguration {

	private static final Logger logger = LoggerFactory.getLogger(OsloServiceAutoConfiguration.class);

	@Bean
	static ConfigurationPropertiesBindHandlerAdvisor osloServicePropertiesValidation(
			ConfigurableListableBeanFactory beanFactory) {
		return OsloServicePropertiesValidator.advisor(() -> hasBean(beanFactory, PeriodicTaskScheduler.class)
				? MissingClusterLock.remedy(beanFactory) : Optional.empty());
	}

	@Bean(destroyMethod = "close")
	@ConditionalOnMissingBean
	LauncherRuntime osloServiceLauncherRuntime(Launcher launcher, OsloServiceProperties properties,
			ObjectProvider<ConfigurationRefresher> refresher, ObjectProvider<ReloadListener> listeners,
			ObjectProvider<SystemdNotifier> systemd, ObjectProvider<ProcessExit> exit,
			ConfigurableApplicationContext context) {
		ConfigurationRefresher configurationRefresher = refresher.getIfAvailable();
		if (configurationRefresher == null) {
			logger.warn("spring-cloud-context is not on the classpath (or spring.cloud.refresh.enabled=false): "
					+ "SIGHUP resets the services without re-reading the configuration");
		}
		return LauncherRuntime.builder(launcher)
			.refresher(configurationRefresher)
			.listeners(() -> listeners.orderedStream().toList())
			.systemd(systemd.getIfAvailable(SystemdNotifier::disabled))
			.exit(exit.getIfAvailable(() -> ProcessExit.JVM))
			.shutdownSteps(new RefuseTrafficThenCloseContext(context))
			.signals(properties.getSignals().isEnabled())
			.build();
	}

	@Bean
	ReloadCoordinator osloServiceReloadCoordinator(LauncherRuntime runtime) {
		return runtime.reloads();
	}

	@Bean
	LauncherRuntimeEvents osloServiceLauncherRuntimeEvents(LauncherRuntime runtime, ApplicationContext context) {
		return new LauncherRuntimeEvents(runtime, context);
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "oslo.service.liveness.broken-on-failure", matchIfMissing = true)
	ServiceFailureLiveness osloServiceFailureLiveness(Launcher launcher, ApplicationEventPublisher publisher) {
		return new ServiceFailureLiveness(launcher, publisher);
	}

	@Bean
	@ConditionalOnBooleanProperty(name = "oslo.service.log-options", matchIfMissing = true)
	ConfigurationOptionsLogger osloServiceOptionsLogger(OsloServiceProperties properties,
			ConfigurableEnvironment environment, ObjectProvider<OptionValueSanitizer> sanitizer) {
		return new ConfigurationOptionsLogger("oslo.service", properties, environment,
				sanitizer.getIfAvailable(() -> OptionValueSanitizer.NONE));
	}

	private static boolean hasBean(ListableBeanFactory beanFactory, Class<?> type) {
		return beanFactory.getBeanNamesForType(type, true, false).length > 0;
	}

	static LauncherConfig launcherConfig(OsloServiceProperties properties) {
		return new LauncherConfig(properties.getGracefulShutdownTimeout(), properties.getRestartMethod(),
				properties.getSignals().isEnabled());
	}

	static SupervisionSettings supervision(OsloServiceProperties.Worker worker) {
		return new SupervisionSettings(worker.getBootTimeout(), worker.getRespawnDelay(), worker.getMaxRespawnDelay(),
				worker.getRespawnResetAfter(), worker.getMaxRestarts(), worker.getRestartWindow(),
				worker.getHeartbeatTimeout(), worker.getStandby());
	}

	/**
	 * A process that runs the services itself: a single process, or a worker of a master.
	 */
	@Configuration(proxyBeanMethods = false)
	@Conditional(OnProcessRoleCondition.RunsServices.class)
	static class InProcessConfiguration {

		@Bean
		@ConditionalOnMissingBean(Launcher.class)
		ServiceLauncher osloServiceLauncher(OsloServiceProperties properties,
				ObjectProvider<ServiceCallDecorator> decorator) {
			return new ServiceLauncher(() -> launcherConfig(properties),
					decorator.getIfAvailable(() -> ServiceCallDecorator.NONE));
		}

		@Bean
		@ConditionalOnBean(ServiceLauncher.class)
		ServiceBeansLifecycle osloServiceBeansLifecycle(ServiceLauncher launcher, LauncherRuntime runtime,
				ConfigurableListableBeanFactory beanFactory) {
			return new ServiceBeansLifecycle(launcher, runtime, beanFactory);
		}

	}

	/**
	 * A master of worker JVMs ({@code oslo.service.workers} above 1): it runs no services
	 * itself.
	 */
	@Configuration(proxyBeanMethods = false)
	@Conditional(OnProcessRoleCondition.Master.class)
	static class MasterConfiguration {

		@Bean
		@Conditional(ListeningSocketConditions.Shares.class)
		ListeningSocket osloServiceListeningSocket(ConfigurableEnvironment environment, ResourceLoader resourceLoader) {
			return MultiProcessHttp.openListeningSocket(environment,
					Objects.requireNonNull(resourceLoader.getClassLoader()));
		}

		@Bean
		@ConditionalOnBean(ListeningSocket.class)
		ListeningSocketLifecycle osloServiceListeningSocketLifecycle(ListeningSocket socket) {
			return new ListeningSocketLifecycle(socket);
		}

		@Bean
		@ConditionalOnMissingBean
		WorkerCommand osloServiceWorkerCommand(ObjectProvider<ListeningSocket> socket) {
			WorkerCommand command = WorkerCommand.ofCurrentProcess()
				.withoutEnvironment(ListeningSocket.SERVICE_MANAGER_ENVIRONMENT);
			ListeningSocket shared = socket.getIfAvailable();
			return (shared != null) ? command.withEnvironment(shared.workerEnvironment()) : command;
		}

		@Bean(destroyMethod = "close")
		@ConditionalOnMissingBean
		@ConditionalOnBooleanProperty(name = "oslo.service.worker.class-data.enabled", matchIfMissing = true)
		ClassDataArchive osloServiceClassDataArchive(WorkerCommand command, OsloServiceProperties properties,
				Environment environment, ObjectProvider<Launcher> launcher) {
			return new ClassDataArchive(command.withoutEnvironment(SystemdNotifier.ENVIRONMENT),
					ClassDataArchive.directoryOrDefault(properties.getWorker().getClassData().getDirectory()),
					environment.getProperty("spring.application.name"),
					() -> launcher.getObject().snapshot().workers());
		}

		@Bean
		@ConditionalOnMissingBean(Launcher.class)
		ProcessLauncher osloServiceProcessLauncher(OsloServiceProperties properties, WorkerCommand command,
				ObjectProvider<ClassDataArchive> archive) {
			ClassDataArchive classData = archive.getIfAvailable();
			Supplier<WorkerCommand> commands = (classData != null) ? classData : () -> command;
			return new ProcessLauncher(() -> launcherConfig(properties), () -> supervision(properties.getWorker()),
					commands);
		}

		@Bean
		@ConditionalOnBean(ProcessLauncher.class)
		WorkerProcessesLifecycle osloServiceWorkerProcessesLifecycle(ProcessLauncher launcher, LauncherRuntime runtime,
				OsloServiceProperties properties) {
			return new WorkerProcessesLifecycle(launcher, runtime, properties.getWorkers());
		}

		@Bean
		WorkerCountWarning osloServiceWorkerCountWarning(OsloServiceProperties properties) {
			return new WorkerCountWarning(properties::getWorkers, properties.getWorkers());
		}

	}

	/**
	 * A worker of a web application serves its master's listening socket.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = "org.springframework.boot.tomcat.TomcatWebServerFactory")
	@Conditional({ OnProcessRoleCondition.Worker.class, ListeningSocketConditions.Inherits.class })
	static class WorkerWebServerConfiguration {

		@Bean
		SharedSocketTomcatCustomizer osloServiceSharedSocketTomcatCustomizer() {
			return new SharedSocketTomcatCustomizer();
		}

	}

	/**
	 * The application's {@code SanitizingFunction} beans also mask the options log, where
	 * Actuator is present.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(SanitizingFunction.class)
	@ConditionalOnBooleanProperty(name = "oslo.service.log-options", matchIfMissing = true)
	static class OptionsSanitizingConfiguration {

		@Bean
		@ConditionalOnMissingBean
		OptionValueSanitizer osloServiceOptionValueSanitizer(ObjectProvider<SanitizingFunction> functions) {
			return new SanitizingFunctionsSanitizer(functions.orderedStream().toList());
		}

	}

	/**
	 * Re-reading the configuration on SIGHUP, where Spring Cloud's context refresh is
	 * available.
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
