package dev.oslo.service.process.classdata;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.Collection;
import java.util.HashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.jar.JarFile;

import dev.oslo.service.process.WorkerCommand;
import dev.oslo.service.process.WorkerSnapshot;
import dev.oslo.service.process.WorkerState;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The command of each worker a master spawns: its own command line, or, once there is a
 * class-data archive of the application, the same line run from that archive, which
 * starts a worker in about half the time or less.
 * <p>
 * The archive is made without a manual step. When a worker is spawned and the jar has no
 * archive yet, the master waits until every worker is READY, then extracts a Spring Boot
 * jar ({@code java -Djarmode=tools -jar app.jar extract}: the classes that Spring Boot's
 * nested-jar class loader loads cannot be archived) and runs one training JVM with the
 * workers' options and arguments that exits once its application context is refreshed
 * (before any service starts). Workers spawned afterwards (respawns, rolling reloads) run
 * the extracted jar with {@code -XX:SharedArchiveFile} (CDS, JDK 17 to 24) or
 * {@code -XX:AOTCache} (JDK 25 and later). A plain jar runs as it is, from the archive.
 * <p>
 * Nothing here fails a spawn: a command line that runs no jar, JVM options that manage
 * class-data sharing themselves, another JDK, a directory that cannot be written, a
 * failed extraction or training, all leave workers running the master's command line,
 * with one log line that says why. Each spawn checks the jar's size and modification
 * time, so a jar replaced on disk is never run from the archive of the old one: its
 * workers run the master's command line until the new jar's archive is made.
 *
 * @since 0.1.0
 */
public final class ClassDataArchive implements Supplier<WorkerCommand>, AutoCloseable {

	/**
	 * The property that turns the archive off when {@code false}: Spring Boot's, and a
	 * system property for a plain {@code main}.
	 */
	public static final String ENABLED_PROPERTY = "oslo.service.worker.class-data.enabled";

	/**
	 * The property that names the directory of the archives: Spring Boot's, and a system
	 * property for a plain {@code main}.
	 */
	public static final String DIRECTORY_PROPERTY = "oslo.service.worker.class-data.directory";

	private static final Logger logger = LoggerFactory.getLogger(ClassDataArchive.class);

	private static final String SUBDIRECTORY = "oslo-service";

	private static final Duration POLL = Duration.ofMillis(500);

	private static final Duration STEP_TIMEOUT = Duration.ofMinutes(10);

	private static final String WITHOUT = "Workers start without a class-data archive: ";

	private final WorkerCommand command;

	private final Supplier<? extends Collection<WorkerSnapshot>> workers;

	private final @Nullable Target target;

	private final Set<String> requested = new HashSet<>();

	private final Set<String> used = new HashSet<>();

	private final Set<String> told = new HashSet<>();

	private @Nullable String lastUsed;

	private volatile boolean closed;

	/**
	 * Serve the commands of a master's workers.
	 * @param command the workers' command: the master's command line and environment
	 * @param directory where archives are kept (each application in a sub-directory of
	 * its own), or {@code null} when there is none (see {@link #defaultDirectory})
	 * @param application the application's name, for its sub-directory; {@code null} for
	 * the jar's name
	 * @param workers the master's workers now: an archive is made only while every one is
	 * READY, so that it never slows their start
	 */
	public ClassDataArchive(WorkerCommand command, @Nullable Path directory, @Nullable String application,
			Supplier<? extends Collection<WorkerSnapshot>> workers) {
		this.command = Objects.requireNonNull(command, "command");
		this.workers = Objects.requireNonNull(workers, "workers");
		Target found = null;
		try {
			found = Target.of(command, directory, application);
		}
		catch (NotArchivableException ex) {
			logger.info(WITHOUT + ex.getMessage());
		}
		this.target = found;
	}

	/**
	 * The directory archives are kept in: the configured one, else this process's
	 * {@linkplain #defaultDirectory default}.
	 * @param configured the directory that the configuration names, if any
	 * @return the directory, or {@code null} when none is configured or known
	 */
	public static @Nullable Path directoryOrDefault(@Nullable Path configured) {
		return (configured != null) ? configured : defaultDirectory(System.getenv(), System.getProperty("user.home"));
	}

	/**
	 * The directory archives are kept in by default: systemd's {@code CacheDirectory=}
	 * ({@code $CACHE_DIRECTORY}, its first one), else
	 * {@code $XDG_CACHE_HOME/oslo-service}, else {@code ~/.cache/oslo-service}.
	 * @param environment the process's environment
	 * @param userHome the user's home directory ({@code user.home})
	 * @return the directory, or {@code null} when none is known
	 */
	public static @Nullable Path defaultDirectory(Map<String, String> environment, @Nullable String userHome) {
		String cache = environment.get("CACHE_DIRECTORY");
		if (cache != null && !cache.isBlank()) {
			return Path.of(cache.split(":")[0]);
		}
		String xdg = environment.get("XDG_CACHE_HOME");
		if (xdg != null && Path.of(xdg).isAbsolute()) {
			return Path.of(xdg, SUBDIRECTORY);
		}
		if (userHome != null && Path.of(userHome).isAbsolute()) {
			return Path.of(userHome, ".cache", SUBDIRECTORY);
		}
		return null;
	}

	/**
	 * Whether this JVM is one that records the classes of an application for its archive:
	 * Spring's {@code -Dspring.context.exit=onRefresh}, which a master gives its training
	 * JVM. A plain {@code main} launched through {@code Launchers} then stops where its
	 * services would start.
	 * @return whether it is
	 */
	public static boolean isTrainingRun() {
		return "onRefresh".equalsIgnoreCase(System.getProperty(ArchiveTraining.EXIT_PROPERTY));
	}

	/**
	 * The command to spawn a worker with now: from the archive when there is one for the
	 * jar as it is on disk, else the master's, and then the archive is asked for.
	 * @return the command
	 */
	@Override
	public synchronized WorkerCommand get() {
		Target archivable = this.target;
		if (archivable == null || this.closed) {
			return this.command;
		}
		ArchivePlace place;
		try {
			place = archivable.place();
		}
		catch (NotArchivableException | IOException ex) {
			tellOnce(WITHOUT + ex.getMessage());
			return this.command;
		}
		if (place.isReady()) {
			if (this.used.add(place.key())) {
				logger.info("Workers start from the {} {}", place.format(), place.archive());
				touch(place.directory());
			}
			this.lastUsed = place.key();
			return new WorkerCommand(place.command(archivable.launch()), this.command.withheldEnvironment(),
					this.command.addedEnvironment());
		}
		if (this.requested.add(place.key())) {
			request(archivable, place);
		}
		return this.command;
	}

	private void request(Target archivable, ArchivePlace place) {
		try {
			Files.createDirectories(place.directory().getParent());
		}
		catch (IOException ex) {
			logger.warn(WITHOUT + "cannot create the directory {} ({}); set {} to a writable one, or {}=false",
					place.directory().getParent(), ex.getMessage(), DIRECTORY_PROPERTY, ENABLED_PROPERTY);
			return;
		}
		String why = (this.lastUsed != null && !this.lastUsed.equals(place.key()))
				? "the jar " + archivable.launch().jar() + " changed on disk since its " + place.format() + " was made"
				: "there is none yet for this jar";
		logger.info(WITHOUT
				+ "{}; once every worker is ready and every standby booted, one JVM records their classes into {}", why,
				place.directory());
		archivable.executor().execute(() -> trainWhenWorkersReady(archivable, place));
	}

	private void trainWhenWorkersReady(Target archivable, ArchivePlace place) {
		if (this.closed) {
			return;
		}
		if (!workersReady()) {
			archivable.executor()
				.schedule(() -> trainWhenWorkersReady(archivable, place), POLL.toMillis(), TimeUnit.MILLISECONDS);
			return;
		}
		long started = System.nanoTime();
		try {
			switch (archivable.training().train(place)) {
				case CREATED -> {
					logger.info("Created the {} {} ({} MiB) in {} s; workers spawned from now on start from it",
							place.format(), place.archive(), Files.size(place.archive()) >> 20,
							Duration.ofNanos(System.nanoTime() - started).toSeconds());
					ArchiveTraining.removeOlderThanPrevious(place);
				}
				case BUSY ->
					logger.info("Another process is making the {} in {}; workers start from it once it is there",
							place.format(), place.directory());
				case FOUND -> {
				}
			}
			synchronized (this) {
				this.requested.remove(place.key());
			}
		}
		catch (IOException ex) {
			if (!this.closed) {
				logger.warn(WITHOUT + "could not make the {} in {}: {} (see {})", place.format(), place.directory(),
						ex.getMessage(), place.log());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	/**
	 * Whether every worker is ready and every standby has booted: no JVM of the master is
	 * starting, which the training JVM would slow down.
	 */
	private boolean workersReady() {
		try {
			Collection<WorkerSnapshot> now = this.workers.get();
			return now.stream().anyMatch((worker) -> worker.state() == WorkerState.READY)
					&& now.stream().noneMatch((worker) -> worker.state() == WorkerState.STARTING);
		}
		catch (RuntimeException ex) {
			return false;
		}
	}

	private void tellOnce(String message) {
		if (this.told.add(message)) {
			logger.info(message);
		}
	}

	private static void touch(Path directory) {
		try {
			Files.setLastModifiedTime(directory, FileTime.fromMillis(System.currentTimeMillis()));
		}
		catch (IOException ex) {
			logger.debug("Could not mark {} as used", directory, ex);
		}
	}

	/**
	 * Stop making archives: end the extraction or training JVM that runs, if one does.
	 */
	@Override
	public void close() {
		this.closed = true;
		Target archivable = this.target;
		if (archivable != null) {
			archivable.executor().shutdownNow();
			archivable.training().cancel();
		}
	}

	/**
	 * A command line whose workers can start from an archive, and where its archives go.
	 */
	private record Target(JarLaunch launch, boolean extracted, ArchiveFormat format, Path javaHome,
			Path applicationDirectory, Map<String, String> environment, ArchiveTraining training,
			ScheduledExecutorService executor) {

		static Target of(WorkerCommand command, @Nullable Path directory, @Nullable String application)
				throws NotArchivableException {
			Map<String, String> environment = Map.copyOf(command.processBuilder().environment());
			JarLaunch launch = JarLaunch.parse(command.command(), environment);
			if (directory == null) {
				throw new NotArchivableException("there is no directory to keep it in (no CACHE_DIRECTORY, "
						+ "XDG_CACHE_HOME or home directory); set " + DIRECTORY_PROPERTY);
			}
			Path jar = Path.of(launch.jar());
			String name = (application != null && !application.isBlank()) ? application
					: String.valueOf(jar.getFileName()).replaceFirst("\\.jar$", "");
			boolean extracted = isSpringBootJar(jar);
			Path javaHome = realPath(Path.of(System.getProperty("java.home")));
			ScheduledExecutorService executor = Executors.newSingleThreadScheduledExecutor((runnable) -> {
				Thread thread = new Thread(runnable, "oslo-class-data");
				thread.setDaemon(true);
				return thread;
			});
			return new Target(launch, extracted, ArchiveFormat.forFeature(Runtime.version().feature()), javaHome,
					directory.toAbsolutePath().resolve(fileName(name)), environment,
					new ArchiveTraining(launch, command, STEP_TIMEOUT), executor);
		}

		/**
		 * Where the archive of the jar as it is now lives.
		 * @throws NotArchivableException if the workers' java is not this JVM's JDK
		 * @throws IOException if the jar cannot be read
		 */
		ArchivePlace place() throws NotArchivableException, IOException {
			Path executable = Path.of(this.launch.executable()).toRealPath();
			Path bin = executable.getParent();
			Path home = (bin != null) ? bin.getParent() : null;
			if (home == null || !home.equals(this.javaHome)) {
				throw new NotArchivableException(
						"the workers' java, " + executable + ", is not the JDK of this JVM (" + this.javaHome + ")");
			}
			return ArchivePlace.locate(this.applicationDirectory, this.launch, this.extracted, this.format,
					this.javaHome, this.environment);
		}

		private static boolean isSpringBootJar(Path jar) throws NotArchivableException {
			try (JarFile file = new JarFile(jar.toFile())) {
				return file.getManifest() != null
						&& file.getManifest().getMainAttributes().getValue("Spring-Boot-Classes") != null;
			}
			catch (IOException ex) {
				throw new NotArchivableException("cannot read the jar " + jar + ": " + ex.getMessage());
			}
		}

		private static Path realPath(Path path) throws NotArchivableException {
			try {
				return path.toRealPath();
			}
			catch (IOException ex) {
				throw new NotArchivableException("cannot read the JDK " + path + ": " + ex.getMessage());
			}
		}

		private static String fileName(String name) {
			String safe = name.replaceAll("[^A-Za-z0-9._-]", "_");
			return (safe.isEmpty() || safe.equals(".") || safe.equals("..")) ? "application" : safe;
		}

	}

}
