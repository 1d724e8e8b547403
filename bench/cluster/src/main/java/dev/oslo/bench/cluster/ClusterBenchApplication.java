package dev.oslo.bench.cluster;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * One replica of the cluster-singleton benchmark: a job that two replicas share, run by this
 * starter ({@code bench.scheduler=oslo}) or by Spring's {@code @Scheduled} under ShedLock's
 * {@code @SchedulerLock} ({@code bench.scheduler=shedlock}).
 */
@SpringBootApplication
public class ClusterBenchApplication {

	public static void main(String[] args) {
		SpringApplication.run(ClusterBenchApplication.class, args);
	}

}
