package dev.oslo.service.process;

import java.time.Duration;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Which workers the master takes for hung, on a clock the test moves.
 */
class HeartbeatWatchTests {

	private static final Duration TIMEOUT = Duration.ofSeconds(30);

	private long now = Duration.ofHours(1).toNanos();

	private final HeartbeatWatch watch = new HeartbeatWatch(() -> this.now);

	@Test
	void aWorkerIsSilentOnlyOnceNothingWasHeardFromItForLongerThanTheTimeout() {
		long heard = this.now;
		for (int second = 1; second <= 30; second++) {
			tick();
			assertThat(this.watch.silent(Map.of("worker 1", heard, "worker 2", this.now), TIMEOUT)).isEmpty();
		}
		tick();
		assertThat(this.watch.silent(Map.of("worker 1", heard, "worker 2", this.now), TIMEOUT))
			.containsOnlyKeys("worker 1")
			.containsEntry("worker 1", Duration.ofSeconds(31));
	}

	@Test
	void aZeroTimeoutTakesNoWorkerForSilent() {
		long heard = this.now;
		this.now += Duration.ofMinutes(10).toNanos();
		tick();
		assertThat(this.watch.silent(Map.of("worker 1", heard), Duration.ZERO)).isEmpty();
	}

	@Test
	void aCheckThatComesLateBecauseTheMasterWasPausedJudgesNoOneAndTheNextOneDoes() {
		long heard = this.now;
		this.now += Duration.ofSeconds(40).toNanos();
		assertThat(this.watch.silent(Map.of("worker 1", heard), TIMEOUT)).isEmpty();
		tick();
		assertThat(this.watch.silent(Map.of("worker 1", heard), TIMEOUT)).containsOnlyKeys("worker 1");
		tick();
		assertThat(this.watch.silent(Map.of("worker 1", this.now - Duration.ofMillis(200).toNanos()), TIMEOUT))
			.isEmpty();
	}

	@Test
	void aSilenceIsDescribedInWholeSecondsWithTheTimeout() {
		assertThat(HeartbeatWatch.describe(Duration.ofMillis(31_700), TIMEOUT))
			.isEqualTo("sent no heartbeat for 31s (heartbeat timeout 30s)");
	}

	private void tick() {
		this.now += HeartbeatWatch.PERIOD.toNanos();
	}

}
