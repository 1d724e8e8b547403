package dev.oslo.service.autoconfigure;

import dev.oslo.service.GracefulShutdown;
import dev.oslo.service.Launcher;
import dev.oslo.service.ReloadCoordinator;
import dev.oslo.service.WorkerControl;
import dev.oslo.service.process.WorkerChannel;
import dev.oslo.service.process.WorkerIdentity;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.DisposableBean;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * In a worker JVM, connects to the master once the application is ready (every service started)
 * and reports READY; from then on the master's commands and its death reach this worker.
 */
final class WorkerReadiness implements ApplicationListener<ApplicationReadyEvent>, DisposableBean {

	private final WorkerIdentity identity;

	private final Launcher launcher;

	private final GracefulShutdown shutdown;

	private final Runnable steps;

	private final ReloadCoordinator reloads;

	private volatile @Nullable WorkerChannel channel;

	WorkerReadiness(WorkerIdentity identity, Launcher launcher, GracefulShutdown shutdown, Runnable steps,
			ReloadCoordinator reloads) {
		this.identity = identity;
		this.launcher = launcher;
		this.shutdown = shutdown;
		this.steps = steps;
		this.reloads = reloads;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		this.channel = WorkerControl.connect(this.identity, this.launcher, this.shutdown, this.steps, this.reloads);
	}

	@Override
	public void destroy() {
		WorkerChannel open = this.channel;
		if (open != null) {
			open.close();
		}
	}

}
