package dev.oslo.service.loopingcall;

import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A function called in a loop on a thread of its own until it throws
 * {@link LoopingCallDone}, fails, or is stopped (oslo's {@code LoopingCallBase}). The
 * call itself is the handle: {@link #stop()} ends the current sleep at once,
 * {@link #await()} returns the value the loop ended with or rethrows its failure. A call
 * runs one loop at a time; once finished it may be started again.
 * <p>
 * Times are measured on the {@link LoopingCallClock}'s monotonic clock, so a wall-clock
 * change neither stretches nor shortens a sleep.
 *
 * @since 0.1.0
 */
public abstract class LoopingCall {

	private static final Logger logger = LoggerFactory.getLogger(LoopingCall.class);

	private final String name;

	private final ThreadFactory threadFactory;

	private final LoopingCallClock clock;

	private @Nullable CompletableFuture<@Nullable Object> done;

	private CountDownLatch stopped = new CountDownLatch(0);

	private long startedNanos;

	private @Nullable Thread loopThread;

	/**
	 * Create the call.
	 * @param name names the call in logs and its thread
	 * @param threadFactory makes the thread the loop runs on
	 * @param clock the clock and sleep of the loop
	 */
	protected LoopingCall(String name, ThreadFactory threadFactory, LoopingCallClock clock) {
		this.name = Objects.requireNonNull(name, "name");
		this.threadFactory = Objects.requireNonNull(threadFactory, "threadFactory");
		this.clock = Objects.requireNonNull(clock, "clock");
	}

	/**
	 * A factory of daemon platform threads named after the call.
	 * @param name the call's name
	 * @return the factory
	 */
	protected static ThreadFactory daemonThreads(String name) {
		return (runnable) -> {
			Thread thread = new Thread(runnable, "looping-call-" + name);
			thread.setDaemon(true);
			return thread;
		};
	}

	/**
	 * The call's name.
	 * @return the name given at construction
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Ask the loop to end: the current sleep ends at once, a call in progress finishes,
	 * and {@link #await()} then returns {@code null}. Harmless when not running or called
	 * twice.
	 */
	public final synchronized void stop() {
		this.stopped.countDown();
	}

	/**
	 * Whether the loop is running.
	 * @return {@code true} between {@code start} and the end of the loop
	 */
	public final synchronized boolean isRunning() {
		return this.done != null && !this.done.isDone();
	}

	/**
	 * Whether the calling thread is the one running this call's loop, e.g. a function
	 * that waits for its own group.
	 * @return {@code true} when called from the loop
	 */
	public final synchronized boolean isLoopThread() {
		return this.loopThread == Thread.currentThread();
	}

	/**
	 * Wait for the loop to end.
	 * @return the value given with {@link LoopingCallDone}, or {@code null} when stopped
	 * @throws Exception what ended the loop: the function's exception, or a
	 * {@link LoopingCallTimeoutException}
	 * @throws IllegalStateException if the call was never started
	 */
	public final @Nullable Object await() throws Exception {
		try {
			return future().get();
		}
		catch (ExecutionException ex) {
			throw rethrowable(Objects.requireNonNull(ex.getCause(), "ExecutionException without a cause"));
		}
	}

	/**
	 * Wait at most {@code timeout} for the loop to end.
	 * @param timeout how long to wait
	 * @return the value given with {@link LoopingCallDone}, or {@code null} when stopped
	 * @throws TimeoutException if the loop is still running then
	 * @throws Exception what ended the loop
	 */
	public final @Nullable Object await(Duration timeout) throws Exception {
		try {
			return future().get(timeout.toNanos(), TimeUnit.NANOSECONDS);
		}
		catch (ExecutionException ex) {
			throw rethrowable(Objects.requireNonNull(ex.getCause(), "ExecutionException without a cause"));
		}
	}

	/**
	 * Start the loop on a new thread.
	 * @param initialDelay slept once before the first call; zero calls at once
	 * @param stopOnException whether an exception of the function ends the loop (and is
	 * rethrown by {@link #await()}); otherwise it is logged and the loop goes on
	 * @throws IllegalStateException if the loop is already running
	 */
	protected final synchronized void startLoop(Duration initialDelay, boolean stopOnException) {
		if (isRunning()) {
			throw new IllegalStateException(
					getClass().getSimpleName() + " '" + this.name + "' can only run one function at a time");
		}
		requireNotNegative("initialDelay", initialDelay);
		CompletableFuture<@Nullable Object> future = new CompletableFuture<>();
		CountDownLatch stop = new CountDownLatch(1);
		this.done = future;
		this.stopped = stop;
		this.startedNanos = this.clock.nanoTime();
		Thread thread = this.threadFactory.newThread(() -> runLoop(initialDelay, stopOnException, stop, future));
		this.loopThread = thread;
		thread.start();
	}

	/**
	 * Call the function once.
	 * @return what the function returned, for {@link #idleFor}
	 * @throws Exception what the function threw
	 */
	protected abstract @Nullable Object call() throws Exception;

	/**
	 * How long to sleep before the next call.
	 * @param result what the function returned ({@code null} after a failure that did not
	 * stop the loop)
	 * @param failed whether the function threw
	 * @param elapsed how long the call took
	 * @return the sleep before the next call
	 */
	protected abstract Duration idleFor(@Nullable Object result, boolean failed, Duration elapsed);

	/**
	 * Time since the loop was started.
	 * @return the time since {@code start}
	 */
	protected final Duration sinceStart() {
		return Duration.ofNanos(this.clock.nanoTime() - this.startedNanos);
	}

	/**
	 * Check a duration argument.
	 * @param name the argument's name
	 * @param value the value
	 * @throws IllegalArgumentException if negative
	 */
	protected static void requireNotNegative(String name, Duration value) {
		if (value.isNegative()) {
			throw new IllegalArgumentException(name + " must not be negative, was " + value);
		}
	}

	private void runLoop(Duration initialDelay, boolean stopOnException, CountDownLatch stop,
			CompletableFuture<@Nullable Object> future) {
		try {
			boolean awake = initialDelay.isZero() || this.clock.sleep(initialDelay, stop);
			while (awake && stop.getCount() > 0) {
				long started = this.clock.nanoTime();
				@Nullable Object result = null;
				boolean failed = false;
				try {
					result = call();
				}
				catch (LoopingCallDone ex) {
					future.complete(ex.value());
					return;
				}
				catch (Exception ex) {
					if (stopOnException) {
						logger.error("{} '{}' failed", getClass().getSimpleName(), this.name, ex);
						future.completeExceptionally(ex);
						return;
					}
					logger.error("{} '{}' failed; it keeps looping", getClass().getSimpleName(), this.name, ex);
					failed = true;
				}
				if (stop.getCount() == 0) {
					break;
				}
				Duration idle = idleFor(result, failed, Duration.ofNanos(this.clock.nanoTime() - started));
				awake = this.clock.sleep(idle, stop);
			}
			future.complete(null);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			future.complete(null);
		}
		catch (RuntimeException | Error ex) {
			future.completeExceptionally(ex);
		}
	}

	private synchronized CompletableFuture<@Nullable Object> future() {
		if (this.done == null) {
			throw new IllegalStateException(getClass().getSimpleName() + " '" + this.name + "' was never started");
		}
		return this.done;
	}

	private static Exception rethrowable(Throwable cause) {
		if (cause instanceof Error error) {
			throw error;
		}
		return (Exception) cause;
	}

}
