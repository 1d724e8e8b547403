package dev.oslo.bench.cluster;

import java.time.Duration;

import javax.sql.DataSource;

import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.spring.annotation.EnableSchedulerLock;
import net.javacrumbs.shedlock.spring.annotation.SchedulerLock;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * The baseline: what a Spring user writes today, {@code @Scheduled} with ShedLock's
 * {@code @SchedulerLock}, the same JDBC provider on database time, the same lock lifetimes.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "bench.scheduler", havingValue = "shedlock")
@EnableScheduling
@EnableSchedulerLock(defaultLockAtMostFor = "${bench.lock-at-most-for}")
class ShedLockScheduled {

	private final Job job;

	ShedLockScheduled(@Value("${bench.work:300ms}") Duration work) {
		this.job = new Job(work);
	}

	@Bean
	LockProvider lockProvider(DataSource dataSource) {
		return new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
			.withJdbcTemplate(new JdbcTemplate(dataSource))
			.usingDbTime()
			.build());
	}

	@Scheduled(fixedRateString = "${bench.spacing:1s}")
	@SchedulerLock(name = "job", lockAtMostFor = "${bench.lock-at-most-for}", lockAtLeastFor = "${bench.lock-at-least-for}")
	void job() {
		this.job.run();
	}

}
