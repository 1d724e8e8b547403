package dev.oslo.service.internal.periodic;

import dev.oslo.service.ReloadListener;
import dev.oslo.service.ReloadResult;
import dev.oslo.service.periodic.PeriodicTaskScheduler;

/**
 * After every reload, reschedules the periodic tasks on their new settings (spacing,
 * enabled, cluster singleton), without waiting for each task's next run.
 *
 * @since 0.1.0
 */
public final class PeriodicTaskRescheduler implements ReloadListener {

	private final PeriodicTaskScheduler scheduler;

	/**
	 * Create the rescheduler.
	 * @param scheduler the application's periodic task scheduler
	 */
	public PeriodicTaskRescheduler(PeriodicTaskScheduler scheduler) {
		this.scheduler = scheduler;
	}

	@Override
	public void reloadFinished(ReloadResult result) {
		this.scheduler.reschedule();
	}

}
