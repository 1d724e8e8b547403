package dev.oslo.service.process.classdata;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.channels.OverlappingFileLockException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import dev.oslo.service.process.WorkerCommand;
import dev.oslo.service.process.WorkerIdentity;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes the archive of a place: extracts a Spring Boot jar
 * ({@code java -Djarmode=tools -jar app.jar extract}), then runs one training JVM, with
 * the workers' options, arguments and environment, that exits once its application
 * context is refreshed ({@code -Dspring.context.exit=onRefresh}, before any service
 * starts) and writes the archive as it exits. Both are written under temporary names and
 * renamed into place, under a lock that a second master of the same jar finds taken, so
 * that no JVM ever maps a half-written archive. Their output goes to the place's
 * {@code training.log}. Afterwards the directories of older jars can be removed, but for
 * the last one used.
 */
final class ArchiveTraining {

	/**
	 * Spring's property whose {@code onRefresh} ends a JVM once its context is refreshed.
	 */
	static final String EXIT_PROPERTY = "spring.context.exit";

	private static final Logger logger = LoggerFactory.getLogger(ArchiveTraining.class);

	private static final String TEMPORARY = ".tmp";

	private final JarLaunch launch;

	private final WorkerCommand command;

	private final Duration timeout;

	private volatile @Nullable Process running;

	/**
	 * Prepare the training of a command line's archives.
	 * @param launch the master's command line
	 * @param command the workers' command, whose environment the JVMs get
	 * @param timeout how long the extraction, and then the training, may take
	 */
	ArchiveTraining(JarLaunch launch, WorkerCommand command, Duration timeout) {
		this.launch = launch;
		this.command = command;
		this.timeout = timeout;
	}

	/**
	 * Make the archive of a place, unless it is there or being made.
	 * @param place the place
	 * @return what happened
	 * @throws IOException if the directory cannot be written, or the extraction or the
	 * training failed
	 * @throws InterruptedException if interrupted, e.g. by {@link #cancel()}
	 */
	Outcome train(ArchivePlace place) throws IOException, InterruptedException {
		Files.createDirectories(place.directory());
		try (FileChannel channel = FileChannel.open(place.lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
				FileLock lock = tryLock(channel)) {
			if (lock == null) {
				return Outcome.BUSY;
			}
			if (place.isReady()) {
				return Outcome.FOUND;
			}
			removeLeftovers(place.directory());
			Files.deleteIfExists(place.log());
			Path extraction = place.extraction();
			if (extraction != null && !Files.isRegularFile(Path.of(place.jar()))) {
				extract(place, extraction);
			}
			record(place);
		}
		return Outcome.CREATED;
	}

	private static @Nullable FileLock tryLock(FileChannel channel) throws IOException {
		try {
			return channel.tryLock();
		}
		catch (OverlappingFileLockException ex) {
			return null;
		}
	}

	private void extract(ArchivePlace place, Path extraction) throws IOException, InterruptedException {
		Path temporary = place.directory()
			.resolve(extraction.getFileName() + "." + ProcessHandle.current().pid() + TEMPORARY);
		run(List.of(this.launch.executable(), "-Djarmode=tools", "-jar", this.launch.jar(), "extract", "--destination",
				temporary.toString()), Map.of(), place, "the extraction of " + this.launch.jar());
		Path jar = temporary.resolve(String.valueOf(Path.of(place.jar()).getFileName()));
		if (!Files.isRegularFile(jar)) {
			throw new IOException("the extraction of " + this.launch.jar() + " made no " + jar.getFileName()
					+ " (is it a Spring Boot jar with its tools, spring-boot-jarmode-tools?)");
		}
		deleteTree(extraction);
		Files.move(temporary, extraction, StandardCopyOption.ATOMIC_MOVE);
	}

	private void record(ArchivePlace place) throws IOException, InterruptedException {
		Path archive = place.archive();
		Path temporary = archive
			.resolveSibling(archive.getFileName() + "." + ProcessHandle.current().pid() + TEMPORARY);
		// A standby's identity: it boots as a standby does, and ends before it would
		// wait.
		WorkerIdentity training = new WorkerIdentity(WorkerIdentity.STANDBY_ID, 1,
				place.directory().resolve("training.sock"));
		logger.info("Recording the classes of a worker into the {}: a JVM that exits once its context is refreshed, "
				+ "its output in {}", place.format(), place.log());
		run(this.launch.command(place.jar(), place.format().recordOption(temporary),
				"-D" + EXIT_PROPERTY + "=onRefresh"), training.toEnvironment(), place, "the training JVM");
		if (!Files.isRegularFile(temporary) || Files.size(temporary) == 0) {
			throw new IOException("the training JVM exited without writing the " + place.format());
		}
		Files.move(temporary, archive, StandardCopyOption.ATOMIC_MOVE);
	}

	private void run(List<String> commandLine, Map<String, String> environment, ArchivePlace place, String what)
			throws IOException, InterruptedException {
		ProcessBuilder builder = new WorkerCommand(commandLine, this.command.withheldEnvironment(),
				this.command.addedEnvironment())
			.processBuilder()
			.redirectErrorStream(true)
			.redirectOutput(Redirect.appendTo(place.log().toFile()));
		builder.environment().putAll(environment);
		Process process = builder.start();
		process.getOutputStream().close();
		this.running = process;
		Thread reaper = new Thread(() -> destroy(process), "oslo-class-data-reaper");
		Runtime.getRuntime().addShutdownHook(reaper);
		try {
			if (!process.waitFor(this.timeout.toMillis(), TimeUnit.MILLISECONDS)) {
				throw new IOException(what + " did not finish within " + this.timeout.toMinutes() + " min");
			}
			if (process.exitValue() != 0) {
				throw new IOException(what + " exited with status " + process.exitValue());
			}
		}
		finally {
			destroy(process);
			this.running = null;
			removeShutdownHook(reaper);
		}
	}

	/**
	 * End the extraction or training JVM that runs, if one does.
	 */
	void cancel() {
		Process process = this.running;
		if (process != null) {
			destroy(process);
		}
	}

	private static void destroy(Process process) {
		process.descendants().forEach(ProcessHandle::destroyForcibly);
		process.destroyForcibly();
	}

	private static void removeShutdownHook(Thread hook) {
		try {
			Runtime.getRuntime().removeShutdownHook(hook);
		}
		catch (IllegalStateException ex) {
			// The JVM is exiting: the hook runs, or has run.
		}
	}

	/**
	 * Remove what a master that died while making this place's archive left: only the
	 * lock holder writes here.
	 */
	private static void removeLeftovers(Path directory) throws IOException {
		try (Stream<Path> entries = Files.list(directory)) {
			for (Path entry : entries.toList()) {
				String name = entry.getFileName().toString();
				if (name.endsWith(TEMPORARY) || name.contains(TEMPORARY + ".")) {
					deleteTree(entry);
				}
			}
		}
	}

	/**
	 * Keep this place and the one of the previous jar (a master of it may still run);
	 * remove the directories of older jars, those whose lock is free.
	 * @param place the place of the jar now
	 */
	static void removeOlderThanPrevious(ArchivePlace place) {
		List<Path> others = new ArrayList<>();
		try (Stream<Path> entries = Files.list(place.directory().getParent())) {
			entries
				.filter((entry) -> !entry.equals(place.directory())
						&& ArchivePlace.KEY.matcher(entry.getFileName().toString()).matches()
						&& Files.isRegularFile(entry.resolve(".lock")))
				.sorted(Comparator.comparing(ArchiveTraining::modified).reversed())
				.skip(1)
				.forEach(others::add);
		}
		catch (IOException ex) {
			logger.debug("Could not list the archives of older jars beside {}", place.directory(), ex);
			return;
		}
		for (Path other : others) {
			removeIfUnlocked(other);
		}
	}

	private static void removeIfUnlocked(Path directory) {
		try (FileChannel channel = FileChannel.open(directory.resolve(".lock"), StandardOpenOption.WRITE);
				FileLock lock = tryLock(channel)) {
			if (lock != null) {
				deleteTree(directory);
				logger.info("Removed the class-data archive of an older jar: {}", directory);
			}
		}
		catch (IOException ex) {
			logger.debug("Could not remove the class-data archive of an older jar: {}", directory, ex);
		}
	}

	private static FileTime modified(Path path) {
		try {
			return Files.getLastModifiedTime(path);
		}
		catch (IOException ex) {
			return FileTime.fromMillis(0);
		}
	}

	private static void deleteTree(Path root) throws IOException {
		if (!Files.exists(root)) {
			return;
		}
		try (Stream<Path> paths = Files.walk(root)) {
			for (Path path : paths.sorted(Comparator.reverseOrder()).toList()) {
				Files.deleteIfExists(path);
			}
		}
	}

	/**
	 * What a training did.
	 */
	enum Outcome {

		/** It made the archive. */
		CREATED,

		/** The archive was there, made by another master meanwhile. */
		FOUND,

		/** Another process holds the lock: it is making the archive. */
		BUSY

	}

}
