package dev.oslo.service.loopingcall;

import java.time.Duration;
import java.util.Iterator;
import java.util.List;
import java.util.concurrent.Executors;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

class DynamicLoopingCallTests {

	private final FakeClock clock = new FakeClock();

	@Test
	void returnedDelaysAreCappedByTheMaximum() throws Exception {
		dynamic(Duration.ofSeconds(11), Duration.ofSeconds(1)).start(Duration.ZERO, Duration.ofSeconds(5), true)
			.await();
		assertThat(this.clock.sleeps).containsExactly(Duration.ofSeconds(5), Duration.ofSeconds(1));
	}

	@Test
	void initialDelayComesFirst() throws Exception {
		dynamic(Duration.ofSeconds(1)).start(Duration.ofSeconds(3), Duration.ofSeconds(5), true).await();
		assertThat(this.clock.sleeps).containsExactly(Duration.ofSeconds(3), Duration.ofSeconds(1));
	}

	@Test
	void noReturnedDelayMeansTheMaximum() throws Exception {
		DynamicLoopingCall call = new DynamicLoopingCall("test", nullOnce(), Executors.defaultThreadFactory(),
				this.clock);
		call.start(Duration.ZERO, Duration.ofSeconds(5), true).await();
		assertThat(this.clock.sleeps).containsExactly(Duration.ofSeconds(5));
	}

	@Test
	void noReturnedDelayAndNoMaximumIsAnError() {
		DynamicLoopingCall call = new DynamicLoopingCall("test", nullOnce(), Executors.defaultThreadFactory(),
				this.clock);
		call.start(Duration.ZERO, null, true);
		assertThatIllegalStateException().isThrownBy(call::await).withMessageContaining("no maximum interval");
	}

	@Test
	void afterAFailureThatDoesNotStopItSleepsTheMaximum() throws Exception {
		int[] runs = { 0 };
		DynamicLoopingCall call = new DynamicLoopingCall("test", () -> {
			if (++runs[0] == 1) {
				throw new IllegalStateException("once");
			}
			throw new LoopingCallDone();
		}, Executors.defaultThreadFactory(), this.clock);
		call.start(Duration.ZERO, Duration.ofSeconds(5), false).await();
		assertThat(this.clock.sleeps).containsExactly(Duration.ofSeconds(5));
	}

	private DynamicLoopingCall dynamic(Duration... delays) {
		return new DynamicLoopingCall("test", new Sequence(delays), Executors.defaultThreadFactory(), this.clock);
	}

	private static DynamicLoopingTask nullOnce() {
		boolean[] returned = { false };
		return () -> {
			if (returned[0]) {
				throw new LoopingCallDone();
			}
			returned[0] = true;
			return null;
		};
	}

	/**
	 * Returns the given delays one by one, then ends the loop.
	 */
	private static final class Sequence implements DynamicLoopingTask {

		private final Iterator<Duration> delays;

		Sequence(Duration... delays) {
			this.delays = List.of(delays).iterator();
		}

		@Override
		public Duration run() {
			if (!this.delays.hasNext()) {
				throw new LoopingCallDone();
			}
			return this.delays.next();
		}

	}

}
