package dev.oslo.sample;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.locks.LockSupport;

import dev.oslo.service.periodic.PeriodicTask;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.stereotype.Component;

/**
 * Periodic tasks of the sample: a report of the work queue, an audit that can be made
 * slow or failing to watch the scheduler cope, and a clean-up that runs on one replica
 * per period.
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
	 * An audit that takes {@code sample.audit.duration} and fails when
	 * {@code sample.audit.fail}.
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

	/**
	 * A clean-up that must run once per period however many replicas run: a cluster
	 * singleton, under a lock in the application's database (H2 in memory by default,
	 * PostgreSQL with the {@code cluster} profile). Takes
	 * {@code sample.cleanup.duration}.
	 */
	@PeriodicTask(name = "cleanup", spacing = "${sample.cleanup.spacing:20s}", clusterSingleton = true)
	public void cleanup() {
		logger.info("cleanup begins at {} in pid {}", Instant.now(), ProcessHandle.current().pid());
		Duration duration = this.properties.getCleanup().getDuration();
		if (!duration.isZero()) {
			LockSupport.parkNanos(duration.toNanos());
		}
		logger.info("cleanup ends");
	}

}
