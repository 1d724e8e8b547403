package dev.oslo.service.autoconfigure;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.env.Environment;
import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Owns the threads that run periodic tasks, and shuts them down with the context. Deliberately not
 * a {@code TaskScheduler} bean itself, so that it never becomes the scheduler of the application's
 * own {@code @Scheduled} methods.
 */
final class PeriodicTaskExecutor implements DisposableBean {

	private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

	PeriodicTaskExecutor(OsloServiceProperties properties, Environment environment) {
		this.scheduler.setThreadNamePrefix("oslo-periodic-");
		this.scheduler.setDaemon(true);
		this.scheduler.setPoolSize(properties.getPeriodic().getPoolSize());
		if (environment.getProperty("spring.threads.virtual.enabled", Boolean.class, false)
				&& Runtime.version().feature() >= 21) {
			this.scheduler.setThreadFactory(new VirtualThreadTaskExecutor("oslo-periodic-").getVirtualThreadFactory());
		}
		this.scheduler.initialize();
	}

	ThreadPoolTaskScheduler scheduler() {
		return this.scheduler;
	}

	@Override
	public void destroy() {
		this.scheduler.shutdown();
	}

}
