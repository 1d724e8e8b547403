package dev.oslo.service.internal;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class DurationFormatTests {

	@Test
	void wholeSecondsAreWrittenInSeconds() {
		assertThat(DurationFormat.format(Duration.ZERO)).isEqualTo("0s");
		assertThat(DurationFormat.format(Duration.ofSeconds(30))).isEqualTo("30s");
		assertThat(DurationFormat.format(Duration.ofHours(1))).isEqualTo("3600s");
	}

	@Test
	void aMillisecondPartIsWrittenInMilliseconds() {
		assertThat(DurationFormat.format(Duration.ofMillis(1500))).isEqualTo("1500ms");
		assertThat(DurationFormat.format(Duration.ofMillis(200))).isEqualTo("200ms");
		assertThat(DurationFormat.format(Duration.ofNanos(12_700_000))).isEqualTo("12ms");
	}

	@Test
	void belowAMillisecondADurationIsNeverWrittenAsZero() {
		assertThat(DurationFormat.format(Duration.ofNanos(400_000))).isEqualTo("400us");
		assertThat(DurationFormat.format(Duration.ofNanos(1_500))).isEqualTo("1us");
		assertThat(DurationFormat.format(Duration.ofNanos(800))).isEqualTo("800ns");
	}

	@Test
	void whatItWritesReadsBackAsTheSameDurationToItsUnit() {
		for (Duration duration : new Duration[] { Duration.ofSeconds(40), Duration.ofMillis(1500),
				Duration.ofNanos(400_000), Duration.ofNanos(800) }) {
			assertThat(DurationFormat.parse(DurationFormat.format(duration), ChronoUnit.SECONDS)).isEqualTo(duration);
		}
	}

}
