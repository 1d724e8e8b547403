package dev.oslo.sample;

import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

import dev.oslo.service.periodic.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Periodic tasks of the sample: a report of the work queue, and an audit that can be made slow or
 * failing to watch the scheduler cope.
 */
@Component
public class SampleTasks {

	private static final Logger logger = LoggerFactory.getLogger(SampleTasks.class);

	private final WorkQueueService workQueue;

	private final SampleProperties properties;

	public SampleTasks(WorkQueueService workQueue, SampleProperties properties) {
		this.workQueue = workQueue;
		this.properties = properties;
	}

	/**
	 * Log how much work the queue has done; every 30 s unless configured otherwise.
	 */
	@PeriodicTask(name = "queue-report", spacing = "${sample.report.spacing:30s}")
	public void reportQueue() {
		logger.info("queue report: {} items processed", this.workQueue.processed());
	}

	/**
	 * An audit that takes {@code sample.audit.duration} and fails when {@code sample.audit.fail}.
	 */
	@PeriodicTask(name = "audit", spacing = "${sample.audit.spacing:60s}")
	public void audit() {
		SampleProperties.Audit audit = this.properties.getAudit();
		logger.info("audit begins");
		Duration duration = audit.getDuration();
		if (!duration.isZero()) {
			LockSupport.parkNanos(duration.toNanos());
		}
		if (audit.isFail()) {
			logger.info("audit ends in failure");
			throw new IllegalStateException("audit failed (sample.audit.fail is set)");
		}
		logger.info("audit ends");
	}

}
