package dev.oslo.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Consumer;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs configuration reloads one at a time, whatever asked for them (SIGHUP, an endpoint,
 * a Spring Cloud refresh: see {@link ReloadTrigger}): re-read and check the
 * configuration, then restart the services as {@code restart-method} says
 * ({@code reload}: stop, reset and start each one; {@code mutate}: reset only).
 * <p>
 * Requests that arrive while a reload runs coalesce into exactly one more, and all of
 * them get its result; a request before the services have started waits until they have;
 * requests after {@link #close()} (shutdown) are ignored. Reloads run on a thread of
 * their own, so a SIGTERM is never queued behind one. Without a
 * {@link ConfigurationRefresher} the configuration is not re-read and services are only
 * reset.
 *
 * @since 0.1.0
 */
public final class ReloadCoordinator {

	private static final Logger logger = LoggerFactory.getLogger(ReloadCoordinator.class);

	private final Launcher launcher;

	private final @Nullable ConfigurationRefresher refresher;

	private final ExecutorService executor;

	private final AtomicLong successes = new AtomicLong();

	private final AtomicLong failures = new AtomicLong();

	private volatile @Nullable ReloadResult last;

	private final Supplier<List<ReloadListener>> listenerSource;

	private volatile @Nullable List<ReloadListener> listeners;

	private volatile @Nullable Thread reloadingThread;

	private volatile boolean ready;

	private boolean running;

	private @Nullable Pending pending;

	private boolean closed;

	/**
	 * Create the coordinator. Its thread uses the calling thread's context class loader,
	 * which can see the application's classes (a signal thread's may not).
	 * @param launcher the launcher whose services are restarted
	 * @param refresher re-reads the configuration; {@code null} when it cannot be re-read
	 * @param listeners told about every reload, in this order; asked for them at the
	 * first reload, so that a listener may itself depend on this coordinator
	 */
	ReloadCoordinator(Launcher launcher, @Nullable ConfigurationRefresher refresher,
			Supplier<List<ReloadListener>> listeners) {
		this.launcher = Objects.requireNonNull(launcher, "launcher");
		this.refresher = refresher;
		this.listenerSource = Objects.requireNonNull(listeners, "listeners");
		ClassLoader loader = Thread.currentThread().getContextClassLoader();
		this.executor = Executors.newSingleThreadExecutor((runnable) -> {
			Thread thread = new Thread(runnable, "oslo-reload");
			thread.setDaemon(true);
			thread.setContextClassLoader(loader);
			return thread;
		});
	}

	/**
	 * The services have started: run a reload that was asked for before.
	 */
	synchronized void markReady() {
		this.ready = true;
		Pending waiting = this.pending;
		if (waiting != null && !this.running && !this.closed) {
			this.pending = null;
			startReloading(waiting);
		}
	}

	/**
	 * Ask for a reload with the configured restart method.
	 * @param trigger what asked
	 * @return the result of the reload that serves this request
	 */
	public CompletableFuture<ReloadResult> request(ReloadTrigger trigger) {
		return request(trigger, null);
	}

	/**
	 * Ask for a reload with a given restart method, e.g. {@code mutate} when a
	 * multi-process master asks a worker to reload in place. When requests coalesce, the
	 * last one's trigger and method apply, and every one of them gets the same result.
	 * @param trigger what asked
	 * @param method the restart method, or {@code null} for the configured one
	 * @return the result of the reload that serves this request; once the process is
	 * shutting down, a {@link ReloadOutcome#FAILURE failure} that ran nothing
	 */
	public synchronized CompletableFuture<ReloadResult> request(ReloadTrigger trigger, @Nullable RestartMethod method) {
		if (this.closed) {
			logger.info("{}: reload ignored, the process is shutting down", trigger);
			return CompletableFuture.completedFuture(ignored(trigger));
		}
		if (!this.ready || this.running) {
			logger.info((!this.ready) ? "{}: the services are still starting; reloading once they have"
					: "{}: a reload is running; one more follows it", trigger);
			Pending waiting = this.pending;
			this.pending = new Pending(trigger, method,
					(waiting != null) ? waiting.result() : new CompletableFuture<>());
			return this.pending.result();
		}
		Pending now = new Pending(trigger, method, new CompletableFuture<>());
		startReloading(now);
		return now.result();
	}

	/**
	 * Whether the services have started, so that a request runs without waiting for them.
	 * @return {@code true} once the launcher has started its services
	 */
	public boolean isReady() {
		return this.ready;
	}

	/**
	 * Whether the calling thread is running a reload: code called from one (a service's
	 * {@code reset()}, a {@link ReloadListener}) must not wait for another.
	 * @return {@code true} on the reload thread while it reloads
	 */
	public boolean isReloadingThread() {
		return Thread.currentThread() == this.reloadingThread;
	}

	/**
	 * Stop taking requests: a reload in progress finishes, a pending one is dropped (its
	 * requesters get a failure that ran nothing).
	 */
	synchronized void close() {
		this.closed = true;
		Pending dropped = this.pending;
		this.pending = null;
		if (dropped != null) {
			dropped.result().complete(ignored(dropped.trigger()));
		}
		this.executor.shutdown();
	}

	/**
	 * Wait for the reload in progress, if any, to finish.
	 * @param timeout how long to wait
	 * @return whether no reload is running or pending
	 * @throws InterruptedException if interrupted while waiting
	 */
	boolean awaitIdle(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		while (System.nanoTime() < deadline) {
			synchronized (this) {
				if (!this.running && this.pending == null) {
					return true;
				}
				wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
			}
		}
		return false;
	}

	/**
	 * The reloads run so far.
	 * @return counts and the last result
	 */
	public ReloadSnapshot snapshot() {
		return new ReloadSnapshot(this.successes.get(), this.failures.get(), this.last);
	}

	/**
	 * Whether a reload re-reads the configuration, or only resets the services.
	 * @return {@code true} with a {@link ConfigurationRefresher}
	 */
	public boolean rereadsConfiguration() {
		return this.refresher != null;
	}

	private void startReloading(Pending first) {
		this.running = true;
		this.executor.execute(() -> {
			this.reloadingThread = Thread.currentThread();
			Pending next = first;
			while (true) {
				try {
					next.result().complete(reloadOnce(next.trigger(), next.method()));
				}
				catch (Error ex) {
					next.result().completeExceptionally(ex);
					finishRunning();
					throw ex;
				}
				synchronized (this) {
					Pending waiting = this.pending;
					if (waiting == null || this.closed) {
						finishRunning();
						return;
					}
					this.pending = null;
					next = waiting;
				}
			}
		});
	}

	private synchronized void finishRunning() {
		this.reloadingThread = null;
		this.running = false;
		notifyAll();
	}

	private ReloadResult reloadOnce(ReloadTrigger trigger, @Nullable RestartMethod requested) {
		Instant at = Instant.now();
		long started = System.nanoTime();
		RestartMethod method = (requested != null) ? requested
				: (this.refresher != null) ? this.launcher.snapshot().restartMethod() : RestartMethod.MUTATE;
		logger.info("{}: reloading the configuration (restart method {})", trigger,
				method.name().toLowerCase(Locale.ROOT));
		List<ReloadListener> told = listeners();
		tellListeners(told, (listener) -> listener.reloadStarting(trigger));
		Set<String> changed = Set.of();
		ReloadResult result;
		try {
			if (this.refresher != null) {
				changed = this.refresher.refresh();
			}
			if (requested == null && this.refresher != null) {
				RestartMethod reread = this.launcher.snapshot().restartMethod();
				if (reread != method) {
					logger.info("The new configuration's restart method {} applies to this reload",
							reread.name().toLowerCase(Locale.ROOT));
					method = reread;
				}
			}
			this.launcher.restart(method);
			result = new ReloadResult(at, trigger, ReloadOutcome.SUCCESS, changed, null, false, since(started));
			logger.info("Reloaded in {} ms; changed keys: {}", result.duration().toMillis(), changed);
		}
		catch (InvalidConfigurationException ex) {
			result = new ReloadResult(at, trigger, ReloadOutcome.FAILURE, changed, ex.getMessage(), true,
					since(started));
			logger.error("Reload rejected; the services keep running on the previous configuration: {}",
					ex.getMessage());
		}
		catch (RuntimeException ex) {
			result = new ReloadResult(at, trigger, ReloadOutcome.FAILURE, changed, ex.getMessage(), false,
					since(started));
			logger.error("Reload failed", ex);
		}
		catch (Error ex) {
			record(told, new ReloadResult(at, trigger, ReloadOutcome.FAILURE, changed, "the reload ended abruptly",
					false, since(started)));
			throw ex;
		}
		record(told, result);
		return result;
	}

	private void record(List<ReloadListener> told, ReloadResult result) {
		(result.outcome() == ReloadOutcome.SUCCESS ? this.successes : this.failures).incrementAndGet();
		this.last = result;
		tellListeners(told, (listener) -> listener.reloadFinished(result));
	}

	private void tellListeners(List<ReloadListener> told, Consumer<ReloadListener> call) {
		for (ReloadListener listener : told) {
			try {
				call.accept(listener);
			}
			catch (RuntimeException ex) {
				logger.error("A reload listener failed", ex);
			}
		}
	}

	/**
	 * The listeners, found at the first reload. When they cannot be found (a listener
	 * bean that fails to build), this reload tells none of them and the next one asks
	 * again.
	 */
	private List<ReloadListener> listeners() {
		List<ReloadListener> resolved = this.listeners;
		if (resolved == null) {
			try {
				resolved = List.copyOf(this.listenerSource.get());
			}
			catch (RuntimeException ex) {
				logger.error("The reload listeners could not be found; this reload tells none of them", ex);
				return List.of();
			}
			this.listeners = resolved;
		}
		return resolved;
	}

	private static ReloadResult ignored(ReloadTrigger trigger) {
		return new ReloadResult(Instant.now(), trigger, ReloadOutcome.FAILURE, Set.of(),
				"ignored: the process is shutting down", false, Duration.ZERO);
	}

	private static Duration since(long startedNanos) {
		return Duration.ofNanos(System.nanoTime() - startedNanos);
	}

	/**
	 * A reload asked for and not yet begun.
	 */
	private record Pending(ReloadTrigger trigger, @Nullable RestartMethod method,
			CompletableFuture<ReloadResult> result) {
	}

}
