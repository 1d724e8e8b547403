package dev.oslo.service.internal.periodic;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.core.task.VirtualThreadTaskExecutor;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

/**
 * Owns the threads that run periodic tasks, and shuts them down with the context.
 * Deliberately not a {@code TaskScheduler} bean itself, so that it never becomes the
 * scheduler of the application's own {@code @Scheduled} methods.
 *
 * @since 0.1.0
 */
public final class PeriodicTaskExecutor implements DisposableBean {

	private final ThreadPoolTaskScheduler scheduler = new ThreadPoolTaskScheduler();

	/**
	 * Start the threads.
	 * @param poolSize how many tasks may run at the same time
	 * @param virtualThreads whether to run them on virtual threads (from JDK 21; ignored
	 * before)
	 */
	public PeriodicTaskExecutor(int poolSize, boolean virtualThreads) {
		this.scheduler.setThreadNamePrefix("oslo-periodic-");
		this.scheduler.setDaemon(true);
		this.scheduler.setPoolSize(poolSize);
		if (virtualThreads && Runtime.version().feature() >= 21) {
			this.scheduler.setThreadFactory(new VirtualThreadTaskExecutor("oslo-periodic-").getVirtualThreadFactory());
		}
		this.scheduler.initialize();
	}

	/**
	 * The scheduler the periodic tasks run on.
	 * @return the scheduler
	 */
	public ThreadPoolTaskScheduler scheduler() {
		return this.scheduler;
	}

	@Override
	public void destroy() {
		this.scheduler.shutdown();
	}

}
