package dev.oslo.service.internal.periodic;

import java.time.Duration;
import java.util.List;
import java.util.function.Function;
import java.util.function.Supplier;

import dev.oslo.service.internal.DurationFormat;
import dev.oslo.service.internal.KeepAlive;
import dev.oslo.service.internal.boot.LaunchingLifecycle;
import dev.oslo.service.periodic.ClusterLock;
import dev.oslo.service.periodic.PeriodicTaskDefinition;
import dev.oslo.service.periodic.PeriodicTaskScheduler;
import dev.oslo.service.periodic.TaskSettings;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.context.SmartLifecycle;

/**
 * Schedules the {@code @PeriodicTask} methods once the services have started, after
 * preparing the cluster lock when a task is a cluster singleton (first as soon as every
 * bean exists) (the process then handles signals and stays up, even without a service or
 * a web server, as Spring's {@code @Scheduled} does), and on shutdown starts no new run
 * and lets the runs in progress finish, within the graceful shutdown timeout, before the
 * services stop.
 *
 * @since 0.1.0
 */
public final class PeriodicTaskLifecycle implements SmartLifecycle, SmartInitializingSingleton {

	private static final Logger logger = LoggerFactory.getLogger(PeriodicTaskLifecycle.class);

	private final PeriodicTaskScheduler scheduler;

	private final PeriodicTaskRegistrar registrar;

	private final Function<PeriodicTaskDefinition, Supplier<TaskSettings>> settings;

	private final Supplier<Duration> shutdownTimeout;

	private final ClusterLock lock;

	private final Runnable handleSignals;

	private volatile boolean running;

	private volatile @Nullable KeepAlive keepAlive;

	/**
	 * Create the lifecycle.
	 * @param scheduler runs the tasks
	 * @param registrar found the tasks
	 * @param settings gives each task its settings as they are at each scheduling
	 * decision
	 * @param shutdownTimeout how long runs in progress may take to finish on shutdown
	 * @param lock the cluster lock of singleton tasks, prepared before they are scheduled
	 * @param handleSignals installs the signal handlers, called before the tasks are
	 * scheduled when there is at least one
	 */
	public PeriodicTaskLifecycle(PeriodicTaskScheduler scheduler, PeriodicTaskRegistrar registrar,
			Function<PeriodicTaskDefinition, Supplier<TaskSettings>> settings, Supplier<Duration> shutdownTimeout,
			ClusterLock lock, Runnable handleSignals) {
		this.scheduler = scheduler;
		this.registrar = registrar;
		this.settings = settings;
		this.shutdownTimeout = shutdownTimeout;
		this.lock = lock;
		this.handleSignals = handleSignals;
	}

	/**
	 * Prepare the cluster lock as soon as every bean exists, so that a standby worker has
	 * it ready before it waits for its promotion.
	 */
	@Override
	public void afterSingletonsInstantiated() {
		prepareClusterLock();
	}

	@Override
	public void start() {
		List<PeriodicTaskRegistrar.FoundTask> found = this.registrar.found();
		for (PeriodicTaskRegistrar.FoundTask task : found) {
			this.scheduler.register(task.definition().name(), task.work(), this.settings.apply(task.definition()));
		}
		prepareClusterLock();
		if (!found.isEmpty()) {
			this.handleSignals.run();
			this.keepAlive = KeepAlive.start("oslo-periodic-keepalive");
		}
		this.scheduler.start();
		this.running = true;
	}

	private void prepareClusterLock() {
		boolean singletons = this.registrar.found()
			.stream()
			.anyMatch((task) -> this.settings.apply(task.definition()).get().singleton() != null);
		if (singletons) {
			this.lock.prepare();
		}
	}

	@Override
	public void stop() {
		Duration timeout = this.shutdownTimeout.get();
		List<String> stillRunning = this.scheduler.stop(timeout);
		if (!stillRunning.isEmpty()) {
			logger.warn("Periodic tasks still running after {}: {}", DurationFormat.format(timeout), stillRunning);
		}
		KeepAlive alive = this.keepAlive;
		if (alive != null) {
			alive.release();
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
