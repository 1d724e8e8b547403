package dev.oslo.service.loopingcall;

import java.time.Duration;

import org.springframework.util.backoff.BackOff;
import org.springframework.util.backoff.BackOffExecution;

/**
 * oslo's retry sleeps as a Spring {@link BackOff}: the n-th retry waits
 * {@code n * increment}, capped at {@code max}, for at most {@code maxRetries} retries
 * ({@code -1} for no limit). Each {@link #start()} begins a fresh count, so every
 * invocation gets its full retries.
 */
final class LinearBackOff implements BackOff {

	private final long maxRetries;

	private final long incrementMillis;

	private final long maxMillis;

	LinearBackOff(long maxRetries, Duration increment, Duration max) {
		this.maxRetries = maxRetries;
		this.incrementMillis = increment.toMillis();
		this.maxMillis = max.toMillis();
	}

	@Override
	public BackOffExecution start() {
		return new BackOffExecution() {

			private long retries;

			@Override
			public long nextBackOff() {
				if (LinearBackOff.this.maxRetries != -1 && this.retries >= LinearBackOff.this.maxRetries) {
					return STOP;
				}
				this.retries++;
				return Math.min(this.retries * LinearBackOff.this.incrementMillis, LinearBackOff.this.maxMillis);
			}

		};
	}

}
