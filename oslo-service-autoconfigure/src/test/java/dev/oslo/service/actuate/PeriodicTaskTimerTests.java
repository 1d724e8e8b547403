package dev.oslo.service.actuate;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class PeriodicTaskTimerTests {

	private final MeterRegistry registry = new SimpleMeterRegistry();

	private final PeriodicTaskTimer listener = new PeriodicTaskTimer(this.registry);

	@Test
	void runsOfEachTaskAndOutcomeAddUpOnTheirOwnTimer() {
		this.listener.ran("audit", Duration.ofMillis(10), null);
		this.listener.ran("audit", Duration.ofMillis(30), null);
		this.listener.ran("audit", Duration.ofMillis(5), new IllegalStateException("boom"));
		this.listener.ran("report", Duration.ofMillis(7), null);

		Timer auditSuccess = timer("audit", "success");
		assertThat(auditSuccess.count()).isEqualTo(2);
		assertThat(auditSuccess.totalTime(TimeUnit.MILLISECONDS)).isEqualTo(40.0);
		assertThat(timer("audit", "failure").count()).isEqualTo(1);
		assertThat(timer("audit", "failure").getId().getTag("error")).isEqualTo("IllegalStateException");
		assertThat(auditSuccess.getId().getTag("error")).isEqualTo("none");
		assertThat(timer("report", "success").count()).isEqualTo(1);
		assertThat(this.registry.find("oslo.service.periodic.task")
			.tag("name", "report")
			.tag("outcome", "failure")
			.timer()).isNull();
		assertThat(this.registry.find("oslo.service.periodic.task").timers()).hasSize(3);
	}

	@Test
	void skippedRunsOfAClusterSingletonAreCountedByOutcome() {
		this.listener.ran("cleanup", Duration.ofMillis(10), null);
		this.listener.skipped("cleanup", "locked", Duration.ofMillis(2));
		this.listener.skipped("cleanup", "locked", Duration.ofMillis(3));
		this.listener.skipped("cleanup", "lock-unavailable", Duration.ofSeconds(3));

		assertThat(timer("cleanup", "success").count()).isOne();
		assertThat(timer("cleanup", "locked").count()).isEqualTo(2);
		assertThat(timer("cleanup", "locked").totalTime(TimeUnit.MILLISECONDS)).isEqualTo(5.0);
		assertThat(timer("cleanup", "lock-unavailable").count()).isOne();
		assertThat(timer("cleanup", "lock-unavailable").getId().getTag("error")).isEqualTo("none");
	}

	private Timer timer(String name, String outcome) {
		return this.registry.get("oslo.service.periodic.task").tag("name", name).tag("outcome", outcome).timer();
	}

}
