package dev.oslo.service;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.Set;
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
 * Runs configuration reloads (SIGHUP) one at a time: re-read and check the configuration,
 * then restart the services as {@code restart-method} says ({@code reload}: stop, reset
 * and start each one; {@code mutate}: reset only).
 * <p>
 * Requests that arrive while a reload runs coalesce into exactly one more; a request
 * before the services have started waits until they have; requests after {@link #close()}
 * (shutdown) are ignored. Reloads run on a thread of their own, so a SIGTERM is never
 * queued behind one. Without a {@link ConfigurationRefresher} the configuration is not
 * re-read and services are only reset.
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

	private final AtomicLong totalNanos = new AtomicLong();

	private volatile @Nullable ReloadResult last;

	private final Supplier<List<ReloadListener>> listenerSource;

	private volatile @Nullable List<ReloadListener> listeners;

	private boolean ready;

	private boolean running;

	private boolean pending;

	private @Nullable RestartMethod pendingMethod;

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
		if (this.pending && !this.running && !this.closed) {
			this.pending = false;
			startReloading("a reload requested during start-up", this.pendingMethod);
		}
	}

	/**
	 * Ask for a reload.
	 * @param reason what asked, for the log (e.g. {@code SIGHUP})
	 */
	public void request(String reason) {
		request(reason, null);
	}

	/**
	 * Ask for a reload with a given restart method, e.g. {@code mutate} when a
	 * multi-process master asks a worker to reload in place. When requests coalesce, the
	 * last one's method applies.
	 * @param reason what asked, for the log
	 * @param method the restart method, or {@code null} for the configured one
	 */
	public synchronized void request(String reason, @Nullable RestartMethod method) {
		if (this.closed) {
			logger.info("{}: ignored, the process is shutting down", reason);
		}
		else if (!this.ready) {
			logger.info("{}: the services are still starting; reloading once they have", reason);
			this.pending = true;
			this.pendingMethod = method;
		}
		else if (this.running) {
			logger.info("{}: a reload is running; one more follows it", reason);
			this.pending = true;
			this.pendingMethod = method;
		}
		else {
			startReloading(reason, method);
		}
	}

	/**
	 * Stop taking requests: a reload in progress finishes, a pending one is dropped.
	 */
	synchronized void close() {
		this.closed = true;
		this.pending = false;
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
				if (!this.running && !this.pending) {
					return true;
				}
				wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime())));
			}
		}
		return false;
	}

	/**
	 * The reloads run so far.
	 * @return counts, total time and the last result
	 */
	public ReloadSnapshot snapshot() {
		return new ReloadSnapshot(this.successes.get(), this.failures.get(), Duration.ofNanos(this.totalNanos.get()),
				this.last);
	}

	/**
	 * Whether SIGHUP re-reads the configuration, or only resets the services.
	 * @return {@code true} with a {@link ConfigurationRefresher}
	 */
	public boolean rereadsConfiguration() {
		return this.refresher != null;
	}

	private void startReloading(String reason, @Nullable RestartMethod method) {
		this.running = true;
		this.executor.execute(() -> {
			String next = reason;
			RestartMethod nextMethod = method;
			while (true) {
				try {
					reloadOnce(next, nextMethod);
				}
				catch (Error ex) {
					synchronized (this) {
						this.running = false;
						notifyAll();
					}
					throw ex;
				}
				synchronized (this) {
					if (!this.pending || this.closed) {
						this.running = false;
						notifyAll();
						return;
					}
					this.pending = false;
					nextMethod = this.pendingMethod;
				}
				next = "a reload requested while the previous one ran";
			}
		});
	}

	private void reloadOnce(String reason, @Nullable RestartMethod requested) {
		Instant at = Instant.now();
		long started = System.nanoTime();
		RestartMethod method = (requested != null) ? requested
				: (this.refresher != null) ? this.launcher.snapshot().restartMethod() : RestartMethod.MUTATE;
		logger.info("{}: reloading the configuration (restart method {})", reason,
				method.name().toLowerCase(Locale.ROOT));
		List<ReloadListener> told = listeners();
		tellListeners(told, (listener) -> listener.reloadStarting(reason));
		Set<String> changed = Set.of();
		ReloadResult result = null;
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
			result = new ReloadResult(at, ReloadOutcome.SUCCESS, changed, null, since(started));
			logger.info("Reloaded in {} ms; changed keys: {}", result.duration().toMillis(), changed);
		}
		catch (InvalidConfigurationException ex) {
			result = new ReloadResult(at, ReloadOutcome.FAILURE, changed, ex.getMessage(), since(started));
			logger.error("Reload rejected; the services keep running on the previous configuration: {}",
					ex.getMessage());
		}
		catch (RuntimeException ex) {
			result = new ReloadResult(at, ReloadOutcome.FAILURE, changed, ex.getMessage(), since(started));
			logger.error("Reload failed", ex);
		}
		finally {
			record(told, (result != null) ? result : new ReloadResult(at, ReloadOutcome.FAILURE, changed,
					"the reload ended abruptly", since(started)));
		}
	}

	private void record(List<ReloadListener> told, ReloadResult result) {
		(result.outcome() == ReloadOutcome.SUCCESS ? this.successes : this.failures).incrementAndGet();
		this.totalNanos.addAndGet(result.duration().toNanos());
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

	private static Duration since(long startedNanos) {
		return Duration.ofNanos(System.nanoTime() - startedNanos);
	}

}
