package dev.oslo.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;

import dev.oslo.service.internal.DurationFormat;
import dev.oslo.service.internal.KeepAlive;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs services in this process (oslo's {@code ServiceLauncher}).
 * <p>
 * {@link #launchService} starts a service at once. While any service runs, a non-daemon
 * thread keeps the JVM alive, so services may use daemon or virtual threads only. A
 * failed {@code start()} stops the services already started, in reverse order, and the
 * launcher ends {@link ServiceState#FAILED}. {@link #stop()} asks every service to stop
 * at the same time and waits for all of them under the graceful shutdown timeout; there
 * is no limit on the number of services.
 *
 * @since 0.1.0
 */
public final class ServiceLauncher implements Launcher {

	private static final Logger logger = LoggerFactory.getLogger(ServiceLauncher.class);

	private final Supplier<LauncherConfig> config;

	private final ServiceCallDecorator decorator;

	private final List<ManagedService> services = new CopyOnWriteArrayList<>();

	private final Object lifecycleLock = new Object();

	private final CountDownLatch finished = new CountDownLatch(1);

	private volatile @Nullable KeepAlive keepAlive;

	private volatile ServiceState state = ServiceState.NEW;

	/**
	 * Create a launcher with fixed settings.
	 * @param config the settings
	 */
	public ServiceLauncher(LauncherConfig config) {
		this(fixed(config));
	}

	/**
	 * Create a launcher that reads its settings each time it needs them, so that a
	 * configuration reload takes effect.
	 * @param config supplies the current settings
	 */
	public ServiceLauncher(Supplier<LauncherConfig> config) {
		this(config, ServiceCallDecorator.NONE);
	}

	/**
	 * Create a launcher that reads its settings each time it needs them and wraps every
	 * start and stop of a service, e.g. in a Micrometer observation.
	 * @param config supplies the current settings
	 * @param decorator wraps every call to a service's {@code start()} and {@code stop()}
	 */
	public ServiceLauncher(Supplier<LauncherConfig> config, ServiceCallDecorator decorator) {
		this.config = Objects.requireNonNull(config, "config");
		this.decorator = Objects.requireNonNull(decorator, "decorator");
	}

	@Override
	public void launchService(ServiceBase service) {
		launchService(defaultName(service), service);
	}

	/**
	 * {@inheritDoc}
	 * @throws IllegalArgumentException unless {@code workers} is 1: this launcher runs
	 * services in this process
	 */
	@Override
	public void launchService(ServiceBase service, int workers) {
		if (workers != 1) {
			throw new IllegalArgumentException(
					"ServiceLauncher runs services in this process, so workers must be 1, was " + workers);
		}
		launchService(service);
	}

	/**
	 * Launch a service under a name of your choice, used in logs, endpoints and metrics.
	 * @param name a name unique within this launcher
	 * @param service the service to start
	 * @throws ServiceStartException if its {@code start()} failed
	 * @throws IllegalStateException if the launcher is stopping or has ended
	 */
	public void launchService(String name, ServiceBase service) {
		Objects.requireNonNull(service, "service");
		synchronized (this.lifecycleLock) {
			if (this.state != ServiceState.NEW && this.state != ServiceState.RUNNING) {
				throw new IllegalStateException("Cannot launch service '" + name + "': the launcher is " + this.state);
			}
			if (this.services.stream().anyMatch((s) -> s.name().equals(name))) {
				throw new IllegalArgumentException("A service named '" + name + "' was already launched");
			}
			if (this.state == ServiceState.NEW) {
				this.keepAlive = KeepAlive.start("oslo-launcher-keepalive");
			}
			ManagedService managed = new ManagedService(name, service, this.decorator);
			this.services.add(managed);
			this.state = ServiceState.STARTING;
			start(managed);
			this.state = ServiceState.RUNNING;
		}
	}

	@Override
	public void stop() {
		synchronized (this.lifecycleLock) {
			if (this.state == ServiceState.TERMINATED || this.state == ServiceState.FAILED) {
				return;
			}
			this.state = ServiceState.STOPPING;
			Duration timeout = this.config.get().gracefulShutdownTimeout();
			logger.info("Stopping {} service(s); graceful shutdown timeout {}", this.services.size(),
					describe(timeout));
			if (stopAll(timeout)) {
				this.state = ServiceState.TERMINATED;
				finish();
			}
			else {
				logger.error("Graceful shutdown timeout of {} exceeded; abandoning {}", describe(timeout),
						stoppingReport());
			}
		}
	}

	@Override
	public void await() throws InterruptedException {
		this.finished.await();
	}

	/**
	 * Restart the services with the given method rather than the configured one. Services
	 * are handled one at a time in launch order, so the others keep running while one
	 * restarts; each restart is bounded by the graceful shutdown timeout.
	 * <ul>
	 * <li>{@code reload}: each running service is stopped (within the graceful shutdown
	 * timeout), reset and started; a failed one is reset and started, so a reload can
	 * recover it.</li>
	 * <li>{@code mutate}: each running service is reset.</li>
	 * </ul>
	 * @param method what to do
	 * @throws IllegalStateException unless the launcher is running
	 * @throws ServiceRestartException if a service failed to reset or restart; it is then
	 * {@link ServiceState#FAILED} and the others were still handled
	 */
	@Override
	public void restart(RestartMethod method) {
		synchronized (this.lifecycleLock) {
			if (this.state != ServiceState.RUNNING) {
				throw new IllegalStateException("Cannot restart: the launcher is " + this.state);
			}
			Duration timeout = this.config.get().gracefulShutdownTimeout();
			List<String> failed = new ArrayList<>();
			for (ManagedService service : this.services) {
				boolean ok = switch (method) {
					case MUTATE -> service.state() != ServiceState.RUNNING || service.reset();
					case RELOAD -> !isRestartable(service) || service.restart(timeout);
				};
				if (!ok) {
					failed.add(service.name());
				}
			}
			if (!failed.isEmpty()) {
				throw new ServiceRestartException(failed);
			}
		}
	}

	@Override
	public LauncherSnapshot snapshot() {
		LauncherConfig current = this.config.get();
		return new LauncherSnapshot("in-process", this.state, ProcessHandle.current().pid(),
				current.gracefulShutdownTimeout(), current.restartMethod(),
				this.services.stream().map(ManagedService::snapshot).toList(), List.of());
	}

	/**
	 * {@inheritDoc} Each service still stopping is listed with the stacks of its threads.
	 */
	@Override
	public String stoppingReport() {
		StringBuilder report = new StringBuilder();
		for (ManagedService service : this.services) {
			if (service.state() == ServiceState.STOPPING) {
				report.append(System.lineSeparator())
					.append("service '")
					.append(service.name())
					.append("' (")
					.append(service.type())
					.append(") is still stopping");
				service.threads().forEach((thread) -> appendStack(report, thread));
			}
		}
		return report.toString();
	}

	private void start(ManagedService service) {
		try {
			service.start();
			logger.info("Started service '{}' ({})", service.name(), service.type());
		}
		catch (Exception | Error ex) {
			List<ManagedService> started = this.services.stream()
				.filter((s) -> s.state() == ServiceState.RUNNING)
				.toList();
			logger.error("Service '{}' ({}) failed to start; stopping the {} service(s) already started",
					service.name(), service.type(), started.size(), ex);
			stopAll(this.config.get().gracefulShutdownTimeout());
			this.state = ServiceState.FAILED;
			finish();
			throw new ServiceStartException(service.name(), ex);
		}
	}

	/**
	 * Ask every service to stop at once, then wait for all of them.
	 * @return whether every service finished within the timeout
	 */
	private boolean stopAll(Duration timeout) {
		List<ManagedService> reversed = new ArrayList<>(this.services);
		Collections.reverse(reversed);
		CompletableFuture<?>[] terminations = reversed.stream()
			.map(ManagedService::beginStop)
			.toArray(CompletableFuture[]::new);
		CompletableFuture<Void> all = CompletableFuture.allOf(terminations);
		try {
			if (timeout.isZero()) {
				all.get();
			}
			else {
				all.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
			}
			return true;
		}
		catch (TimeoutException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
		catch (ExecutionException ex) {
			throw new IllegalStateException(ex.getCause());
		}
	}

	private static boolean isRestartable(ManagedService service) {
		return service.state() == ServiceState.RUNNING || service.state() == ServiceState.FAILED
				|| service.state() == ServiceState.TERMINATED;
	}

	private void finish() {
		this.finished.countDown();
		KeepAlive alive = this.keepAlive;
		if (alive != null) {
			alive.release();
		}
	}

	private static void appendStack(StringBuilder report, Thread thread) {
		report.append(System.lineSeparator())
			.append("  \"")
			.append(thread.getName())
			.append("\" ")
			.append(thread.getState());
		for (StackTraceElement frame : thread.getStackTrace()) {
			report.append(System.lineSeparator()).append("      at ").append(frame);
		}
	}

	static String describe(Duration timeout) {
		if (timeout.isZero()) {
			return "0 (wait forever)";
		}
		return DurationFormat.format(timeout);
	}

	private static Supplier<LauncherConfig> fixed(LauncherConfig config) {
		Objects.requireNonNull(config, "config");
		return () -> config;
	}

	private static String defaultName(ServiceBase service) {
		String simpleName = service.getClass().getSimpleName();
		int generated = simpleName.indexOf("$$");
		String name = (generated > 0) ? simpleName.substring(0, generated) : simpleName;
		return name.isEmpty() ? "service" : Character.toLowerCase(name.charAt(0)) + name.substring(1);
	}

}
