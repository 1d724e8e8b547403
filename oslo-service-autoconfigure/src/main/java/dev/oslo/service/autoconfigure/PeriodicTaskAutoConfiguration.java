package dev.oslo.service.autoconfigure;

import java.util.concurrent.ThreadLocalRandom;

import dev.oslo.service.LauncherRuntime;
import dev.oslo.service.internal.periodic.PeriodicTaskExecutor;
import dev.oslo.service.internal.periodic.PeriodicTaskLifecycle;
import dev.oslo.service.internal.periodic.PeriodicTaskRegistrar;
import dev.oslo.service.internal.periodic.PeriodicTaskRescheduler;
import dev.oslo.service.periodic.ClusterLock;
import dev.oslo.service.periodic.PeriodicTaskScheduler;
import dev.oslo.service.periodic.TaskRunDecorator;
import dev.oslo.service.periodic.TaskRunListener;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of {@code @PeriodicTask} methods: found on every bean, scheduled
 * once the services have started, rescheduled after every reload, stopped before the
 * services stop. Not in a multi-process master, which runs no services: its workers run
 * the tasks.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = OsloServiceAutoConfiguration.class)
@Conditional(OnProcessRoleCondition.RunsServices.class)
@EnableConfigurationProperties(OsloServiceProperties.class)
@ConditionalOnBooleanProperty(name = "oslo.service.enabled", matchIfMissing = true)
public final class PeriodicTaskAutoConfiguration {

	@Bean
	static PeriodicTaskRegistrar osloPeriodicTaskRegistrar() {
		return new PeriodicTaskRegistrar();
	}

	@Bean
	PeriodicTaskExecutor osloPeriodicTaskExecutor(OsloServiceProperties properties, Environment environment) {
		return new PeriodicTaskExecutor(properties.getPeriodic().getPoolSize(),
				environment.getProperty("spring.threads.virtual.enabled", Boolean.class, false));
	}

	@Bean
	@ConditionalOnMissingBean
	PeriodicTaskScheduler osloPeriodicTaskScheduler(PeriodicTaskExecutor executor, OsloServiceProperties properties,
			ObjectProvider<TaskRunListener> listener, ObjectProvider<ClusterLock> lock,
			ObjectProvider<TaskRunDecorator> decorator) {
		return new PeriodicTaskScheduler(executor.scheduler(), executor.scheduler().getClock(),
				() -> properties.getPeriodic().isJitter() ? ThreadLocalRandom.current().nextDouble() : 0,
				listener.getIfAvailable(() -> TaskRunListener.NONE), lock.getIfAvailable(() -> ClusterLock.NONE),
				decorator.getIfAvailable(() -> TaskRunDecorator.NONE));
	}

	@Bean
	PeriodicTaskRescheduler osloPeriodicTaskRescheduler(PeriodicTaskScheduler scheduler) {
		return new PeriodicTaskRescheduler(scheduler);
	}

	@Bean
	PeriodicTaskLifecycle osloPeriodicTaskLifecycle(PeriodicTaskScheduler scheduler, PeriodicTaskRegistrar registrar,
			OsloServiceProperties properties, Environment environment, ConfigurableListableBeanFactory beanFactory,
			ObjectProvider<ClusterLock> lock, ObjectProvider<LauncherRuntime> runtime) {
		String missingClusterLock = MissingClusterLock.remedy(beanFactory).orElse(null);
		return new PeriodicTaskLifecycle(scheduler, registrar,
				(definition) -> new ConfiguredTaskSettings(definition, properties, environment, missingClusterLock),
				properties::getGracefulShutdownTimeout, lock.getIfAvailable(() -> ClusterLock.NONE),
				() -> runtime.ifAvailable(LauncherRuntime::installSignalHandlers));
	}

}
