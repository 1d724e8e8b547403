package dev.oslo.service;

import java.nio.file.Path;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

import dev.oslo.service.process.SupervisionSettings;
import dev.oslo.service.process.WorkerCommand;
import dev.oslo.service.process.WorkerIdentity;
import dev.oslo.service.process.classdata.ClassDataArchive;
import dev.oslo.service.systemd.SystemdNotifier;
import org.jspecify.annotations.Nullable;

/**
 * Launch services from a plain {@code main}, without Spring Boot (oslo's
 * {@code launch()}). <pre>{@code
 * public static void main(String[] args) throws InterruptedException {
 *     Launcher launcher = Launchers.launch(LauncherConfig.DEFAULTS, new MyService(), 1);
 *     launcher.await();
 * }
 * }</pre>
 *
 * @since 0.1.0
 */
public final class Launchers {

	private Launchers() {
	}

	/**
	 * Start {@code service} and return its launcher, with default supervision settings
	 * for workers.
	 * @param config the launcher's settings
	 * @param service the service to start
	 * @param workers how many copies to run: 1 runs it in this process, more makes this
	 * process the master of that many worker JVMs
	 * @return the launcher, with the service started (or every worker ready)
	 * @throws IllegalArgumentException if {@code workers} is less than 1
	 * @throws ServiceStartException if the service's {@code start()} failed, or the
	 * workers could not be kept running
	 * @see #launch(LauncherConfig, SupervisionSettings, ServiceBase, int)
	 */
	public static Launcher launch(LauncherConfig config, ServiceBase service, int workers) {
		return launch(config, SupervisionSettings.DEFAULTS, service, workers);
	}

	/**
	 * Start {@code service} and return its launcher. When the configuration handles
	 * signals, SIGTERM stops the service gracefully under the configured timeout and ends
	 * the process, SIGINT ends it at once with status 1, and SIGHUP calls the service's
	 * {@code reset()} (there is no configuration to re-read outside Spring). Under
	 * systemd ({@code NOTIFY_SOCKET} set) the launcher sends {@code READY=1}, reload,
	 * stopping, status and watchdog notifications as a Spring Boot application does (see
	 * {@link LauncherRuntime}).
	 * <p>
	 * With more than one worker this process becomes the master: it runs the same command
	 * line again for each worker, where this method runs the service in process and
	 * connects to the master. A worker so started ignores {@code workers}. When this
	 * program runs from a jar ({@code java -jar}), the master's later workers start from
	 * a class-data archive of it ({@link ClassDataArchive}), kept in
	 * {@link ClassDataArchive#defaultDirectory the cache directory} or the one the system
	 * property {@code oslo.service.worker.class-data.directory} names;
	 * {@code -Doslo.service.worker.class-data.enabled=false} turns it off. A JVM started
	 * with {@code -Dspring.context.exit=onRefresh}, as the one that records the archive
	 * is, ends here with status 0 before the service starts.
	 * @param config the launcher's settings
	 * @param supervision how a master supervises its workers
	 * @param service the service to start
	 * @param workers how many copies to run
	 * @return the launcher, with the service started (or every worker ready)
	 * @throws IllegalArgumentException if {@code workers} is less than 1
	 * @throws ServiceStartException if the service's {@code start()} failed, or the
	 * workers could not be kept running
	 */
	public static Launcher launch(LauncherConfig config, SupervisionSettings supervision, ServiceBase service,
			int workers) {
		Objects.requireNonNull(config, "config");
		Objects.requireNonNull(supervision, "supervision");
		Objects.requireNonNull(service, "service");
		if (workers < 1) {
			throw new IllegalArgumentException("workers must be at least 1, was " + workers);
		}
		boolean master = workers > 1 && WorkerIdentity.current().isEmpty();
		Launcher launcher = master ? processLauncher(config, supervision) : new ServiceLauncher(config);
		LauncherRuntime runtime = LauncherRuntime.builder(launcher).signals(config.handleSignals()).build();
		if (ClassDataArchive.isTrainingRun()) {
			Runtime.getRuntime().halt(0);
		}
		if (!runtime.awaitPromotion()) {
			return launcher;
		}
		runtime.installSignalHandlers();
		try {
			launcher.launchService(service, master ? workers : 1);
		}
		catch (RuntimeException ex) {
			runtime.close();
			throw ex;
		}
		runtime.ready();
		return launcher;
	}

	private static ProcessLauncher processLauncher(LauncherConfig config, SupervisionSettings supervision) {
		if (!Boolean.parseBoolean(System.getProperty(ClassDataArchive.ENABLED_PROPERTY, "true"))) {
			return new ProcessLauncher(() -> config, () -> supervision);
		}
		String directory = System.getProperty(ClassDataArchive.DIRECTORY_PROPERTY);
		AtomicReference<@Nullable Launcher> master = new AtomicReference<>();
		ClassDataArchive archive = new ClassDataArchive(
				WorkerCommand.ofCurrentProcess().withoutEnvironment(SystemdNotifier.ENVIRONMENT),
				ClassDataArchive.directoryOrDefault((directory != null) ? Path.of(directory) : null), null, () -> {
					Launcher launcher = master.get();
					return (launcher != null) ? launcher.snapshot().workers() : List.of();
				});
		ProcessLauncher launcher = new ProcessLauncher(() -> config, () -> supervision, archive);
		master.set(launcher);
		return launcher;
	}

}
