package dev.oslo.service.loopingcall;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.Callable;

import org.springframework.core.retry.RetryException;
import org.springframework.core.retry.RetryPolicy;
import org.springframework.core.retry.RetryTemplate;

/**
 * Retries a call that fails with one of the listed exceptions, sleeping a little longer
 * each time (oslo's {@code RetryDecorator}): the n-th retry waits
 * {@code n * incSleepTime}, capped at {@code maxSleepTime}; after {@code maxRetryCount}
 * retries ({@code -1}: no limit) the last exception is rethrown. Any other exception is
 * rethrown at once.
 * <p>
 * Unlike oslo, the counters belong to each invocation: a second call gets its full
 * retries. Built on Spring Framework's {@link RetryTemplate}, with a back-off that grows
 * linearly.
 *
 * @since 0.1.0
 */
public final class RetryDecorator {

	private final RetryTemplate template;

	/**
	 * Create the retry.
	 * @param maxRetryCount the most retries per invocation; {@code -1} retries forever
	 * @param incSleepTime how much longer each retry waits than the one before
	 * @param maxSleepTime the longest wait
	 * @param exceptions the exceptions that are retried (and their subclasses); none:
	 * nothing is retried
	 */
	@SafeVarargs
	public RetryDecorator(int maxRetryCount, Duration incSleepTime, Duration maxSleepTime,
			Class<? extends Throwable>... exceptions) {
		if (maxRetryCount < -1) {
			throw new IllegalArgumentException("maxRetryCount must be -1 (forever) or more, was " + maxRetryCount);
		}
		LoopingCall.requireNotNegative("incSleepTime", incSleepTime);
		LoopingCall.requireNotNegative("maxSleepTime", maxSleepTime);
		List<Class<? extends Throwable>> retried = List.of(exceptions);
		this.template = new RetryTemplate(RetryPolicy.builder()
			.backOff(new LinearBackOff(maxRetryCount, incSleepTime, maxSleepTime))
			.predicate((ex) -> retried.stream().anyMatch((type) -> type.isInstance(ex)))
			.build());
	}

	/**
	 * Call {@code task}, retrying it as configured.
	 * @param <T> the result type
	 * @param task the call
	 * @return what the first successful call returned
	 * @throws Exception the last exception when the retries are used up, or an exception
	 * that is not retried
	 */
	public <T> T call(Callable<T> task) throws Exception {
		Objects.requireNonNull(task, "task");
		try {
			return this.template.execute(task::call);
		}
		catch (RetryException ex) {
			Throwable cause = ex.getCause();
			if (cause instanceof Exception exception) {
				throw exception;
			}
			if (cause instanceof Error error) {
				throw error;
			}
			throw ex;
		}
	}

	/**
	 * Run {@code task}, retrying it as configured.
	 * @param task the work
	 * @throws Exception the last exception when the retries are used up, or an exception
	 * that is not retried
	 */
	public void run(LoopingTask task) throws Exception {
		Objects.requireNonNull(task, "task");
		call(() -> {
			task.run();
			return null;
		});
	}

}
