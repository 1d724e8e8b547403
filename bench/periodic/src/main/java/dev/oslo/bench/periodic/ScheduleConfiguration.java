package dev.oslo.bench.periodic;

import java.time.Duration;

import dev.oslo.service.periodic.PeriodicTask;

import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.Scheduled;

/**
 * {@code bench.mode=schedule}: one task every 200 ms, with the scheduler of
 * {@code bench.scheduler}: {@code oslo} ({@code @PeriodicTask(spacing = "200ms")}; the driver sets
 * {@code oslo.service.periodic.jitter=false}), {@code spring-fixed-rate}
 * ({@code @Scheduled(fixedRate = 200)}) or {@code spring-fixed-delay}
 * ({@code @Scheduled(fixedDelay = 200)}). Each run does {@code bench.work} of busy work
 * ({@code 0ms} for an idle task).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "bench.mode", havingValue = "schedule")
class ScheduleConfiguration {

	@Bean
	RunRecorder runRecorder(@Value("${bench.skip:5}") int skip, @Value("${bench.runs:51}") int runs,
			@Value("${bench.work:0ms}") Duration work) {
		return new RunRecorder(skip, runs, work);
	}

	@Bean
	@ConditionalOnProperty(name = "bench.scheduler", havingValue = "oslo")
	OsloTask osloTask(RunRecorder recorder) {
		return new OsloTask(recorder);
	}

	@Bean
	@ConditionalOnProperty(name = "bench.scheduler", havingValue = "spring-fixed-rate")
	FixedRateTask fixedRateTask(RunRecorder recorder) {
		return new FixedRateTask(recorder);
	}

	@Bean
	@ConditionalOnProperty(name = "bench.scheduler", havingValue = "spring-fixed-delay")
	FixedDelayTask fixedDelayTask(RunRecorder recorder) {
		return new FixedDelayTask(recorder);
	}

	static class OsloTask {

		private final RunRecorder recorder;

		OsloTask(RunRecorder recorder) {
			this.recorder = recorder;
		}

		@PeriodicTask(spacing = "200ms", name = "bench-200ms")
		void run() {
			this.recorder.run();
		}

	}

	static class FixedRateTask {

		private final RunRecorder recorder;

		FixedRateTask(RunRecorder recorder) {
			this.recorder = recorder;
		}

		@Scheduled(fixedRate = 200)
		void run() {
			this.recorder.run();
		}

	}

	static class FixedDelayTask {

		private final RunRecorder recorder;

		FixedDelayTask(RunRecorder recorder) {
			this.recorder = recorder;
		}

		@Scheduled(fixedDelay = 200)
		void run() {
			this.recorder.run();
		}

	}

}
