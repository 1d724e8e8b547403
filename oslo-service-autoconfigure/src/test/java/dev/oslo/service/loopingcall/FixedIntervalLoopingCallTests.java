package dev.oslo.service.loopingcall;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static dev.oslo.service.loopingcall.FakeClock.seconds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

@ExtendWith(OutputCaptureExtension.class)
class FixedIntervalLoopingCallTests {

	private final FakeClock clock = new FakeClock();

	@Test
	void sleepsWhatIsLeftOfTheIntervalAndNothingAfterALateRun(CapturedOutput output) throws Exception {
		double[] runTimes = { 0.99, 2.0, 1.01 };
		AtomicInteger run = new AtomicInteger();
		FixedIntervalLoopingCall call = fixed(() -> {
			int index = run.getAndIncrement();
			if (index == runTimes.length) {
				throw new LoopingCallDone("finished");
			}
			this.clock.advance(seconds(runTimes[index]));
		});
		call.start(seconds(1.01));
		assertThat(call.await()).isEqualTo("finished");
		assertThat(this.clock.sleeps).containsExactly(seconds(0.02), Duration.ZERO, Duration.ZERO);
		assertThat(output).contains("Looping call 'test' outlasted its interval of 1010 ms by 990 ms");
	}

	@Test
	void loopingCallDoneValueIsReturnedByAwait() throws Exception {
		assertThat(fixed(() -> {
			throw new LoopingCallDone(true);
		}).start(Duration.ofSeconds(1)).await()).isEqualTo(true);
		assertThat(fixed(() -> {
			throw new LoopingCallDone(false);
		}).start(Duration.ofSeconds(1)).await()).isEqualTo(false);
	}

	@Test
	void exceptionEndsTheLoopAndIsRethrownByAwait() {
		FixedIntervalLoopingCall call = fixed(() -> {
			throw new IllegalStateException("broken");
		}).start(Duration.ofSeconds(1));
		assertThatIllegalStateException().isThrownBy(call::await).withMessage("broken");
	}

	@Test
	void withoutStopOnExceptionTheLoopGoesOnThroughFailures() throws Exception {
		AtomicInteger runs = new AtomicInteger();
		FixedIntervalLoopingCall call = fixed(() -> {
			if (runs.incrementAndGet() <= 2) {
				throw new IllegalStateException("failure " + runs.get());
			}
			throw new LoopingCallDone(false);
		}).start(Duration.ofSeconds(1), Duration.ZERO, false);
		assertThat(call.await()).isEqualTo(false);
		assertThat(runs).hasValue(3);
	}

	@Test
	void initialDelayIsSleptOnceBeforeTheFirstRun() throws Exception {
		AtomicInteger runs = new AtomicInteger();
		fixed(() -> {
			if (runs.incrementAndGet() == 2) {
				throw new LoopingCallDone();
			}
		}).start(Duration.ofSeconds(1), Duration.ofSeconds(3), true).await();
		assertThat(this.clock.sleeps).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(1));
	}

	@Test
	void startingTwiceWhileRunningIsRefusedAndStoppingTwiceIsHarmless() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		FixedIntervalLoopingCall call = new FixedIntervalLoopingCall("blocked", release::await)
			.start(Duration.ofSeconds(1));
		assertThatIllegalStateException().isThrownBy(() -> call.start(Duration.ofSeconds(1)))
			.withMessageContaining("can only run one function at a time");
		call.stop();
		call.stop();
		release.countDown();
		assertThat(call.await(Duration.ofSeconds(30))).isNull();
		assertThat(call.isRunning()).isFalse();
	}

	@Test
	void stopEndsALongSleepAtOnce() throws Exception {
		AtomicInteger runs = new AtomicInteger();
		FixedIntervalLoopingCall call = new FixedIntervalLoopingCall("sleepy", runs::incrementAndGet)
			.start(Duration.ofSeconds(10));
		org.awaitility.Awaitility.await().until(() -> runs.get() == 1);
		call.stop();
		assertThat(call.await(Duration.ofSeconds(5))).isNull();
		assertThat(runs).hasValue(1);
	}

	@Test
	void withTimeoutFailsOnceTheTimeoutHasPassed() {
		FixedIntervalWithTimeoutLoopingCall call = new FixedIntervalWithTimeoutLoopingCall("bounded", () -> {
		}, Executors.defaultThreadFactory(), this.clock);
		call.start(seconds(0.1), Duration.ZERO, true, seconds(0.3));
		assertThatExceptionOfType(LoopingCallTimeoutException.class).isThrownBy(call::await)
			.withMessage("Looping call 'bounded' timed out after 0.40 seconds");
		assertThat(this.clock.sleeps).containsExactly(seconds(0.1), seconds(0.1), seconds(0.1), seconds(0.1));
	}

	@Test
	void awaitBeforeStartIsAnError() {
		assertThatIllegalStateException().isThrownBy(() -> fixed(() -> {
		}).await()).withMessageContaining("never started");
	}

	private FixedIntervalLoopingCall fixed(LoopingTask task) {
		return new FixedIntervalLoopingCall("test", task, Executors.defaultThreadFactory(), this.clock);
	}

}
