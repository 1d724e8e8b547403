package dev.oslo.bench.cluster;

import java.time.Duration;

import dev.oslo.service.periodic.PeriodicTask;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.stereotype.Component;

/**
 * The job as this starter runs it: lock lifetimes from
 * {@code oslo.service.periodic.tasks.job.lock-at-*-for}, the JDBC lock configured by the starter.
 */
@Component
@ConditionalOnProperty(name = "bench.scheduler", havingValue = "oslo")
class OsloSingleton {

	private final Job job;

	OsloSingleton(@Value("${bench.work:300ms}") Duration work) {
		this.job = new Job(work);
	}

	@PeriodicTask(name = "job", spacing = "${bench.spacing:1s}", clusterSingleton = true)
	void job() {
		this.job.run();
	}

}
