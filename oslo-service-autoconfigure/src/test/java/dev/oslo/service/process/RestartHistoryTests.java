package dev.oslo.service.process;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class RestartHistoryTests {

	private static final SupervisionSettings SETTINGS = new SupervisionSettings(Duration.ofSeconds(60),
			Duration.ofMillis(100), Duration.ofMillis(500), Duration.ofSeconds(60), 5, Duration.ofSeconds(60),
			Duration.ofSeconds(30), 0);

	private final RestartHistory history = new RestartHistory();

	@Test
	void theBackOffDoublesUpToItsMaximum() {
		assertThat(exitAfter(Duration.ofSeconds(1), 0)).isEqualTo(Duration.ofMillis(100));
		assertThat(exitAfter(Duration.ofSeconds(1), 1)).isEqualTo(Duration.ofMillis(200));
		assertThat(exitAfter(Duration.ofSeconds(1), 2)).isEqualTo(Duration.ofMillis(400));
		assertThat(exitAfter(Duration.ofSeconds(1), 3)).isEqualTo(Duration.ofMillis(500));
		assertThat(this.history.total()).isEqualTo(4);
	}

	@Test
	void aWorkerThatStayedUpLongEnoughStartsTheBackOffAgain() {
		exitAfter(Duration.ofSeconds(1), 0);
		exitAfter(Duration.ofSeconds(1), 1);
		assertThat(exitAfter(Duration.ofSeconds(60), 62)).isEqualTo(Duration.ofMillis(100));
	}

	@Test
	void oneExitMoreThanTheLimitWithinTheWindowGivesUp() {
		for (int i = 0; i < 5; i++) {
			assertThat(exitAfter(Duration.ofSeconds(1), i)).isNotNull();
		}
		assertThat(exitAfter(Duration.ofSeconds(1), 5)).isNull();
	}

	@Test
	void exitsOlderThanTheWindowNoLongerCount() {
		for (int i = 0; i < 5; i++) {
			exitAfter(Duration.ofSeconds(1), i);
		}
		assertThat(exitAfter(Duration.ofSeconds(1), 65)).isNotNull();
	}

	private Duration exitAfter(Duration uptime, int atSecond) {
		return this.history.exited(uptime, Duration.ofSeconds(atSecond).toNanos(), SETTINGS);
	}

}
