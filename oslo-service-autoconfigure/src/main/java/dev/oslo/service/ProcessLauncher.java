package dev.oslo.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.function.Consumer;
import java.util.function.Supplier;

import dev.oslo.service.internal.KeepAlive;
import dev.oslo.service.process.SupervisionSettings;
import dev.oslo.service.process.WorkerCommand;
import dev.oslo.service.process.WorkerSnapshot;
import dev.oslo.service.process.WorkerState;
import dev.oslo.service.process.WorkerSupervisionException;
import dev.oslo.service.process.WorkerSupervisor;
import dev.oslo.service.systemd.SystemdNotifier;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The multi-process launcher (oslo's {@code ProcessLauncher}): this process is the
 * master. It runs no services itself; it spawns N worker JVMs with its own command line,
 * each of which runs the services, and keeps them running (see {@link WorkerSupervisor}).
 * <ul>
 * <li>{@link #stop()} asks every worker to stop gracefully and kills those still running
 * when the graceful shutdown timeout passes.</li>
 * <li>{@link #restart()} with {@code reload} replaces the workers one at a time, each new
 * one ready before the old one stops; with {@code mutate} each worker re-reads its
 * configuration and resets its services in place.</li>
 * <li>When a slot exceeds its restart limit the launcher is {@link ServiceState#FAILED}
 * and tells its {@link #onFailure failure listeners}, which end the process with a
 * non-zero status.</li>
 * </ul>
 *
 * @since 0.1.0
 */
public final class ProcessLauncher implements Launcher {

	private static final Logger logger = LoggerFactory.getLogger(ProcessLauncher.class);

	/** The name start-up failures are reported under: the master's workers as a whole. */
	static final String WORKERS = "workers";

	private final Supplier<LauncherConfig> config;

	private final Supplier<SupervisionSettings> supervision;

	private final WorkerSupervisor supervisor;

	private final CountDownLatch finished = new CountDownLatch(1);

	private final List<Consumer<String>> failureListeners = new CopyOnWriteArrayList<>();

	private final Object lifecycleLock = new Object();

	private volatile ServiceState state = ServiceState.NEW;

	private volatile @Nullable KeepAlive keepAlive;

	/**
	 * Create a master whose workers run this JVM's own command line.
	 * @param config the launcher settings, read each time they are needed
	 * @param supervision the supervision settings, read each time they are needed
	 * @throws UncheckedIOException if the control socket directory cannot be created
	 */
	public ProcessLauncher(Supplier<LauncherConfig> config, Supplier<SupervisionSettings> supervision) {
		this(config, supervision, WorkerCommand.ofCurrentProcess());
	}

	/**
	 * Create a master whose workers run the given command.
	 * @param config the launcher settings, read each time they are needed
	 * @param supervision the supervision settings, read each time they are needed
	 * @param command how to start a worker
	 * @throws UncheckedIOException if the control socket directory cannot be created
	 */
	public ProcessLauncher(Supplier<LauncherConfig> config, Supplier<SupervisionSettings> supervision,
			WorkerCommand command) {
		this(config, supervision, () -> command);
	}

	/**
	 * Create a master that asks for its workers' command at each spawn, e.g. from a
	 * class-data archive once there is one.
	 * @param config the launcher settings, read each time they are needed
	 * @param supervision the supervision settings, read each time they are needed
	 * @param commands how to start a worker, asked each time one is spawned
	 * @throws UncheckedIOException if the control socket directory cannot be created
	 */
	public ProcessLauncher(Supplier<LauncherConfig> config, Supplier<SupervisionSettings> supervision,
			Supplier<WorkerCommand> commands) {
		this.config = Objects.requireNonNull(config, "config");
		this.supervision = Objects.requireNonNull(supervision, "supervision");
		try {
			// The master alone speaks to systemd for the whole service.
			this.supervisor = new WorkerSupervisor(() -> commands.get().withoutEnvironment(SystemdNotifier.ENVIRONMENT),
					supervision);
		}
		catch (IOException ex) {
			throw new UncheckedIOException("Could not create the workers' control socket directory", ex);
		}
		this.supervisor.onFailure(this::failed);
	}

	/**
	 * Be told when the workers cannot be kept running after start-up, to end the process.
	 * @param listener called once with the reason
	 */
	public void onFailure(Consumer<String> listener) {
		this.failureListeners.add(Objects.requireNonNull(listener, "listener"));
	}

	/**
	 * Run {@code service} in one worker. In the master the service object is not started:
	 * each worker runs its own copy.
	 * @throws ServiceStartException if the worker could not be kept running
	 */
	@Override
	public void launchService(ServiceBase service) {
		launchService(service, 1);
	}

	/**
	 * Run {@code service} in {@code workers} worker JVMs and wait until each is ready. A
	 * JVM cannot fork, so the object itself stays in the master, never started (oslo's
	 * master does not run its copy either): each worker re-runs this program's
	 * {@code main}, which builds and launches its own. The master names it in its log so
	 * that the two can be matched.
	 * @throws IllegalArgumentException if {@code workers} is less than 1
	 * @throws ServiceStartException if a slot exceeded its restart limit before every
	 * worker was ready; every worker has then been killed
	 */
	@Override
	public void launchService(ServiceBase service, int workers) {
		Objects.requireNonNull(service, "service");
		logger.info("Starting {} worker(s), each running its own {}", workers, service.getClass().getName());
		start(workers);
	}

	/**
	 * Spawn the workers and wait until each is ready.
	 * @param workers how many
	 * @throws IllegalArgumentException if {@code workers} is less than 1
	 * @throws IllegalStateException if the launcher was started before
	 * @throws ServiceStartException if a slot exceeded its restart limit before every
	 * worker was ready; every worker has then been killed
	 */
	public void start(int workers) {
		if (workers < 1) {
			throw new IllegalArgumentException("workers must be at least 1, was " + workers);
		}
		synchronized (this.lifecycleLock) {
			if (this.state != ServiceState.NEW) {
				throw new IllegalStateException("The workers were started before; the launcher is " + this.state);
			}
			this.state = ServiceState.STARTING;
			// Nothing else keeps a master's JVM running once main returns: it runs no
			// services, and a non-web application has no server threads.
			this.keepAlive = KeepAlive.start("oslo-master-keepalive");
		}
		try {
			this.supervisor.start(workers);
			this.state = ServiceState.RUNNING;
		}
		catch (WorkerSupervisionException ex) {
			fail();
			throw new ServiceStartException(WORKERS, ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			fail();
			throw new ServiceStartException(WORKERS, ex);
		}
	}

	@Override
	public void stop() {
		synchronized (this.lifecycleLock) {
			if (this.finished.getCount() == 0) {
				return;
			}
			boolean failedBefore = this.state == ServiceState.FAILED;
			this.state = ServiceState.STOPPING;
			Duration timeout = this.config.get().gracefulShutdownTimeout();
			List<String> killed;
			try {
				killed = this.supervisor.stop(timeout);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				this.supervisor.killAll();
				killed = List.of("every worker (interrupted while stopping them)");
			}
			this.state = (failedBefore || !killed.isEmpty()) ? ServiceState.FAILED : ServiceState.TERMINATED;
			this.supervisor.close();
			finish();
		}
	}

	@Override
	public void await() throws InterruptedException {
		this.finished.await();
	}

	/**
	 * {@inheritDoc}
	 * <ul>
	 * <li>{@code reload}: a rolling replacement, one slot at a time, each new worker
	 * ready before the old one is stopped (within the graceful shutdown timeout).</li>
	 * <li>{@code mutate}: each ready worker re-reads its configuration and resets its
	 * services in place; its answer is awaited for at most the boot timeout.</li>
	 * </ul>
	 * @throws WorkerSupervisionException if a new worker did not become ready (the roll
	 * stopped there), or a worker failed to reload in place
	 */
	@Override
	public void restart(RestartMethod method) {
		if (this.state != ServiceState.RUNNING) {
			throw new IllegalStateException("Cannot restart: the launcher is " + this.state);
		}
		try {
			switch (method) {
				case RELOAD -> this.supervisor.roll(this.config.get().gracefulShutdownTimeout());
				case MUTATE -> {
					List<String> failures = this.supervisor.reloadInPlace(this.supervision.get().bootTimeout());
					if (!failures.isEmpty()) {
						throw new WorkerSupervisionException("Workers failed to reload: " + failures);
					}
				}
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException("Interrupted while restarting the workers", ex);
		}
	}

	@Override
	public LauncherSnapshot snapshot() {
		LauncherConfig current = this.config.get();
		return new LauncherSnapshot("multi-process", this.state, ProcessHandle.current().pid(),
				current.gracefulShutdownTimeout(), current.restartMethod(), List.of(), this.supervisor.snapshot());
	}

	/**
	 * {@inheritDoc} Here: the supervisor's thread, which respawns workers and enforces
	 * their boot deadlines, runs a task in time, and its lock is free.
	 */
	@Override
	public boolean isResponsive(Duration timeout) {
		return this.supervisor.isResponsive(timeout);
	}

	/**
	 * {@inheritDoc} The workers are killed with SIGKILL.
	 */
	@Override
	public void stopNow() {
		this.supervisor.killAll();
	}

	@Override
	public String stoppingReport() {
		StringBuilder report = new StringBuilder();
		for (WorkerSnapshot worker : this.supervisor.snapshot()) {
			if (worker.state() == WorkerState.STOPPING) {
				report.append(System.lineSeparator()).append(worker.describe()).append(" is still stopping");
			}
		}
		return report.toString();
	}

	private void fail() {
		this.state = ServiceState.FAILED;
		this.supervisor.close();
		finish();
	}

	private void finish() {
		this.finished.countDown();
		KeepAlive alive = this.keepAlive;
		if (alive != null) {
			alive.release();
		}
	}

	private void failed(String reason) {
		this.state = ServiceState.FAILED;
		logger.error("Stopping the remaining workers");
		this.failureListeners.forEach((listener) -> listener.accept(reason));
	}

}
