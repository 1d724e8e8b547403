package dev.oslo.service.loopingcall;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.concurrent.Executors;

import dev.oslo.service.loopingcall.BackOffLoopingCall.Settings;
import org.junit.jupiter.api.Test;

import static dev.oslo.service.loopingcall.FakeClock.seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class BackOffLoopingCallTests {

	private static final List<Duration> OSLO_BACK_OFF = List.of(seconds(1.6), seconds(2.4), seconds(3.6), seconds(5.4),
			seconds(8.1), seconds(12.15), seconds(18.225), seconds(27.3375), seconds(41.00625), seconds(61.509375),
			seconds(92.2640625));

	private final FakeClock clock = new FakeClock();

	@Test
	void errorsBackOffExponentiallyUntilTheTimeoutOfAccumulatedErrorSleep() {
		BackOffLoopingCall call = backOff(0.8, alwaysFailing()).start();
		assertThatExceptionOfType(LoopingCallTimeoutException.class).isThrownBy(call::await)
			.withMessageContaining("timed out after 273.59 seconds of back-off");
		assertThat(this.clock.sleeps).containsExactlyElementsOf(OSLO_BACK_OFF);
	}

	@Test
	void aNegativeJitterSampleCountsByItsMagnitude() {
		BackOffLoopingCall call = backOff(-0.8, alwaysFailing()).start();
		assertThatExceptionOfType(LoopingCallTimeoutException.class).isThrownBy(call::await);
		assertThat(this.clock.sleeps).containsExactlyElementsOf(OSLO_BACK_OFF);
	}

	@Test
	void theMaximumIntervalCapsEachSleep() {
		BackOffLoopingCall call = backOff(0.8, alwaysFailing())
			.start(Settings.DEFAULTS.withMaxInterval(Duration.ofSeconds(60)));
		assertThatExceptionOfType(LoopingCallTimeoutException.class).isThrownBy(call::await);
		assertThat(this.clock.sleeps).endsWith(seconds(41.00625), Duration.ofSeconds(60), Duration.ofSeconds(60),
				Duration.ofSeconds(60));
	}

	@Test
	void successSleepsTheStartingIntervalTimesTheJitter() throws Exception {
		backOff(1.0, results(true, true, true)).start().await();
		assertThat(this.clock.sleeps).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(1),
				Duration.ofSeconds(1));
	}

	@Test
	void successResetsTheBackOff() throws Exception {
		backOff(0.8, results(false, false, true, false)).start().await();
		assertThat(this.clock.sleeps).containsExactly(seconds(1.6), seconds(2.4), seconds(0.8), seconds(1.6));
	}

	@Test
	void immediateDoneSleepsNothing() throws Exception {
		assertThat(backOff(0.8, () -> {
			throw new LoopingCallDone("at once");
		}).start().await()).isEqualTo("at once");
		assertThat(this.clock.sleeps).isEmpty();
	}

	@Test
	void anExceptionEndsTheLoop() {
		BackOffLoopingCall call = backOff(0.8, () -> {
			throw new IllegalArgumentException("bad");
		}).start();
		assertThatExceptionOfType(IllegalArgumentException.class).isThrownBy(call::await).withMessage("bad");
	}

	private BackOffLoopingCall backOff(double jitterSample, BackOffLoopingTask task) {
		return new BackOffLoopingCall("test", task, Executors.defaultThreadFactory(), this.clock,
				(mean, deviation) -> jitterSample);
	}

	private static BackOffLoopingTask alwaysFailing() {
		return () -> false;
	}

	private static BackOffLoopingTask results(Boolean... results) {
		Deque<Boolean> remaining = new ArrayDeque<>(List.of(results));
		return () -> {
			if (remaining.isEmpty()) {
				throw new LoopingCallDone();
			}
			return remaining.pop();
		};
	}

}
