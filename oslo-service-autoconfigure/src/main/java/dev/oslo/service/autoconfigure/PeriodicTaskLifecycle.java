package dev.oslo.service.autoconfigure;

import java.util.List;

import dev.oslo.service.DurationFormat;
import dev.oslo.service.periodic.PeriodicTaskScheduler;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.core.env.Environment;

/**
 * Schedules the {@code @PeriodicTask} methods once the services have started, and on shutdown
 * starts no new run and lets the runs in progress finish, within the graceful shutdown timeout,
 * before the services stop.
 */
final class PeriodicTaskLifecycle implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(PeriodicTaskLifecycle.class);

	private final PeriodicTaskScheduler scheduler;

	private final PeriodicTaskRegistrar registrar;

	private final OsloServiceProperties properties;

	private final Environment environment;

	private final boolean clusterLockAvailable;

	private volatile boolean running;

	PeriodicTaskLifecycle(PeriodicTaskScheduler scheduler, PeriodicTaskRegistrar registrar,
			OsloServiceProperties properties, Environment environment, boolean clusterLockAvailable) {
		this.scheduler = scheduler;
		this.registrar = registrar;
		this.properties = properties;
		this.environment = environment;
		this.clusterLockAvailable = clusterLockAvailable;
	}

	@Override
	public void start() {
		for (PeriodicTaskRegistrar.FoundTask task : this.registrar.found()) {
			this.scheduler.register(task.definition().name(), task.work(),
					new AnnotatedTaskSettings(task.definition(), this.properties, this.environment,
							this.clusterLockAvailable));
		}
		this.scheduler.start();
		this.running = true;
	}

	@Override
	public void stop() {
		List<String> stillRunning = this.scheduler.stop(this.properties.getGracefulShutdownTimeout());
		if (!stillRunning.isEmpty()) {
			logger.warn("Periodic tasks still running after {}: {}",
					DurationFormat.format(this.properties.getGracefulShutdownTimeout()), stillRunning);
		}
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return LaunchingLifecycle.PHASE + 1;
	}

}
