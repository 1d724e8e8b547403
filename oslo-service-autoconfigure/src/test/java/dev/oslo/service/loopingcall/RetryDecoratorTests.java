package dev.oslo.service.loopingcall;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import org.springframework.util.backoff.BackOffExecution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class RetryDecoratorTests {

	@Test
	void sleepsGrowByTheIncrementUpToTheMaximumThenStop() {
		assertThat(backOffs(new LinearBackOff(3, Duration.ofSeconds(2), Duration.ofSeconds(60)), 5))
			.containsExactly(2000L, 4000L, 6000L, BackOffExecution.STOP, BackOffExecution.STOP);
		assertThat(backOffs(new LinearBackOff(-1, Duration.ofSeconds(10), Duration.ofSeconds(25)), 4))
			.containsExactly(10_000L, 20_000L, 25_000L, 25_000L);
	}

	@Test
	void everyStartCountsAfresh() {
		LinearBackOff backOff = new LinearBackOff(3, Duration.ofSeconds(2), Duration.ofSeconds(60));
		backOffs(backOff, 4);
		assertThat(backOffs(backOff, 1)).containsExactly(2000L);
	}

	@Test
	void listedExceptionIsRetriedUntilTheRetriesAreUsedUpThenRethrown() {
		AtomicInteger attempts = new AtomicInteger();
		RetryDecorator retry = new RetryDecorator(3, Duration.ofMillis(1), Duration.ofMillis(5), IOException.class);
		assertThatExceptionOfType(IOException.class).isThrownBy(() -> retry.call(() -> {
			throw new IOException("attempt " + attempts.incrementAndGet());
		})).withMessage("attempt 4");
	}

	@Test
	void successAfterFailuresReturnsTheValue() throws Exception {
		AtomicInteger attempts = new AtomicInteger();
		RetryDecorator retry = new RetryDecorator(10, Duration.ofMillis(1), Duration.ofMillis(5), IOException.class);
		assertThat(retry.call(() -> {
			if (attempts.incrementAndGet() <= 2) {
				throw new IOException("not yet");
			}
			return "done";
		})).isEqualTo("done");
		assertThat(attempts).hasValue(3);
	}

	@Test
	void unlistedExceptionIsRethrownAtOnce() {
		AtomicInteger attempts = new AtomicInteger();
		RetryDecorator retry = new RetryDecorator(10, Duration.ofMillis(1), Duration.ofMillis(5), IOException.class);
		assertThatExceptionOfType(IllegalStateException.class).isThrownBy(() -> retry.run(() -> {
			attempts.incrementAndGet();
			throw new IllegalStateException("not retried");
		}));
		assertThat(attempts).hasValue(1);
	}

	@Test
	void aSecondInvocationGetsItsRetriesAgain() {
		RetryDecorator retry = new RetryDecorator(2, Duration.ofMillis(1), Duration.ofMillis(5), IOException.class);
		for (int invocation = 0; invocation < 2; invocation++) {
			AtomicInteger attempts = new AtomicInteger();
			assertThatExceptionOfType(IOException.class).isThrownBy(() -> retry.run(() -> {
				attempts.incrementAndGet();
				throw new IOException();
			}));
			assertThat(attempts).hasValue(3);
		}
	}

	@Test
	void minusOneRetriesUntilSuccess() throws Exception {
		AtomicInteger attempts = new AtomicInteger();
		RetryDecorator retry = new RetryDecorator(-1, Duration.ZERO, Duration.ZERO, IOException.class);
		retry.run(() -> {
			if (attempts.incrementAndGet() < 20) {
				throw new IOException();
			}
		});
		assertThat(attempts).hasValue(20);
	}

	private static List<Long> backOffs(LinearBackOff backOff, int count) {
		BackOffExecution execution = backOff.start();
		List<Long> values = new ArrayList<>();
		for (int i = 0; i < count; i++) {
			values.add(execution.nextBackOff());
		}
		return values;
	}

}
