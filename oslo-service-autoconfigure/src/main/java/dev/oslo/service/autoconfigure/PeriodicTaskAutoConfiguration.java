package dev.oslo.service.autoconfigure;

import java.util.concurrent.ThreadLocalRandom;

import dev.oslo.service.ReloadCoordinator;
import dev.oslo.service.periodic.ClusterLock;
import dev.oslo.service.periodic.PeriodicTaskScheduler;
import dev.oslo.service.periodic.TaskRunListener;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of {@code @PeriodicTask} methods: found on every bean, scheduled once the
 * services have started, rescheduled after every reload, stopped before the services stop. Not in
 * a multi-process master, which runs no services: its workers run the tasks.
 */
@AutoConfiguration(after = OsloServiceAutoConfiguration.class)
@Conditional(OnProcessRoleCondition.RunsServices.class)
public final class PeriodicTaskAutoConfiguration {

	@Bean
	static PeriodicTaskRegistrar osloPeriodicTaskRegistrar() {
		return new PeriodicTaskRegistrar();
	}

	@Bean
	PeriodicTaskExecutor osloPeriodicTaskExecutor(OsloServiceProperties properties, Environment environment) {
		return new PeriodicTaskExecutor(properties, environment);
	}

	@Bean
	@ConditionalOnMissingBean
	PeriodicTaskScheduler osloPeriodicTaskScheduler(PeriodicTaskExecutor executor, OsloServiceProperties properties,
			ReloadCoordinator reloads, ObjectProvider<TaskRunListener> listener, ObjectProvider<ClusterLock> lock) {
		PeriodicTaskScheduler scheduler = new PeriodicTaskScheduler(executor.scheduler(),
				executor.scheduler().getClock(),
				() -> properties.getPeriodic().isJitter() ? ThreadLocalRandom.current().nextDouble() : 0,
				listener.getIfAvailable(() -> TaskRunListener.NONE), lock.getIfAvailable(() -> ClusterLock.NONE));
		reloads.addListener((result) -> scheduler.reschedule());
		return scheduler;
	}

	@Bean
	PeriodicTaskLifecycle osloPeriodicTaskLifecycle(PeriodicTaskScheduler scheduler, PeriodicTaskRegistrar registrar,
			OsloServiceProperties properties, Environment environment, ObjectProvider<ClusterLock> lock) {
		boolean clusterLockAvailable = lock.getIfAvailable() != null;
		properties.clusterLockAvailable(clusterLockAvailable);
		return new PeriodicTaskLifecycle(scheduler, registrar, properties, environment, clusterLockAvailable);
	}

}
