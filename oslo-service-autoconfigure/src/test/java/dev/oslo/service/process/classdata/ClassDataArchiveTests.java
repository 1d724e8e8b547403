package dev.oslo.service.process.classdata;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.FileTime;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;

import dev.oslo.service.process.WorkerCommand;
import dev.oslo.service.process.WorkerSnapshot;
import dev.oslo.service.process.WorkerState;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The commands a master's workers get, with real training JVMs of a small jar.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClassDataArchiveTests {

	private static final Duration TRAINING = Duration.ofMinutes(2);

	private static final String USE_OPTION = (Runtime.version().feature() >= 25) ? "-XX:AOTCache="
			: "-XX:SharedArchiveFile=";

	@TempDir
	Path directory;

	private final AtomicReference<List<WorkerSnapshot>> workers = new AtomicReference<>(
			List.of(worker(WorkerState.READY)));

	private ClassDataArchive archive;

	@AfterEach
	void close() {
		if (this.archive != null) {
			this.archive.close();
		}
	}

	@Test
	void workersRunTheMastersCommandUntilTheArchiveIsMadeThenStartFromIt() throws IOException {
		Path jar = TestJars.plain(this.directory.resolve("app.jar"));
		WorkerCommand command = TestJars.java("-Xmx64m", "-jar", jar.toString(), "--name=value")
			.withEnvironment(Map.of("ADDED", "1"))
			.withoutEnvironment(List.of("WITHHELD"));
		this.archive = new ClassDataArchive(command, cache(), "my app", this.workers::get);
		assertThat(this.archive.get()).isEqualTo(command);

		WorkerCommand archived = awaitArchived(command);
		Path file = archiveFiles().get(0);
		assertThat(file.getParent().getParent()).isEqualTo(cache().resolve("my_app"));
		assertThat(archived.command()).containsExactly(TestJars.java(), "-Xmx64m", USE_OPTION + file, "-jar",
				jar.toString(), "--name=value");
		assertThat(archived.addedEnvironment()).isEqualTo(command.addedEnvironment());
		assertThat(archived.withheldEnvironment()).isEqualTo(command.withheldEnvironment());
		assertThat(file.resolveSibling("training.log")).content().contains("trained");
		try (Stream<Path> files = Files.list(file.getParent())) {
			assertThat(files).noneMatch((path) -> path.getFileName().toString().contains(".tmp"));
		}
	}

	@Test
	void theArchiveIsMadeOnlyOnceEveryWorkerIsReadyAndEveryStandbyBooted() throws IOException {
		Path jar = TestJars.plain(this.directory.resolve("app.jar"));
		WorkerCommand command = TestJars.java("-jar", jar.toString());
		this.workers.set(List.of(worker(WorkerState.READY), worker(WorkerState.STARTING)));
		AtomicInteger asked = new AtomicInteger();
		this.archive = new ClassDataArchive(command, cache(), null, () -> {
			asked.incrementAndGet();
			return this.workers.get();
		});
		assertThat(this.archive.get()).isEqualTo(command);
		await().atMost(TRAINING).until(() -> asked.get() >= 3);
		assertThat(archiveFiles()).isEmpty();

		this.workers.set(List.of(worker(WorkerState.READY), worker(WorkerState.READY), worker(WorkerState.STARTING)));
		int before = asked.get();
		await().atMost(TRAINING).until(() -> asked.get() >= before + 2);
		assertThat(archiveFiles()).isEmpty();

		this.workers.set(List.of(worker(WorkerState.READY), worker(WorkerState.READY), worker(WorkerState.STANDBY)));
		awaitArchived(command);
	}

	@Test
	void aJarReplacedOnDiskRunsWithoutTheOldArchiveUntilItHasItsOwn(CapturedOutput output) throws IOException {
		Path jar = TestJars.plain(this.directory.resolve("app.jar"));
		WorkerCommand command = TestJars.java("-jar", jar.toString());
		this.archive = new ClassDataArchive(command, cache(), null, this.workers::get);
		this.archive.get();
		WorkerCommand first = awaitArchived(command);

		Files.setLastModifiedTime(jar, FileTime.from(Instant.now().plusSeconds(10)));
		assertThat(this.archive.get()).isEqualTo(command);
		assertThat(output).contains("the jar " + jar + " changed on disk since its");
		WorkerCommand second = awaitArchived(command);
		assertThat(second.command().get(1)).isNotEqualTo(first.command().get(1));
	}

	@Test
	void aDirectoryThatCannotBeWrittenLeavesWorkersAsTheyAreWithOneWarning(CapturedOutput output) throws IOException {
		Path jar = TestJars.plain(this.directory.resolve("app.jar"));
		WorkerCommand command = TestJars.java("-jar", jar.toString());
		Path file = Files.createFile(this.directory.resolve("a-file"));
		this.archive = new ClassDataArchive(command, file.resolve("cache"), null, this.workers::get);
		assertThat(this.archive.get()).isEqualTo(command);
		assertThat(this.archive.get()).isEqualTo(command);
		assertThat(output).containsOnlyOnce("Workers start without a class-data archive: cannot create the directory "
				+ file.resolve("cache").resolve("app"));
	}

	@Test
	void aCommandThatRunsNoJarRunsAsItIsWithTheReason(CapturedOutput output) {
		WorkerCommand command = TestJars.java("-cp", this.directory.toString(), "com.example.Main");
		this.archive = new ClassDataArchive(command, cache(), null, this.workers::get);
		assertThat(this.archive.get()).isEqualTo(command);
		assertThat(output).contains("Workers start without a class-data archive: this JVM runs the main class "
				+ "com.example.Main from a class path");
	}

	@Test
	void aFailedExtractionLeavesWorkersAsTheyAreWithAWarning(CapturedOutput output) throws IOException {
		Path jar = TestJars.springBoot(this.directory.resolve("boot.jar"));
		WorkerCommand command = TestJars.java("-jar", jar.toString());
		this.archive = new ClassDataArchive(command, cache(), null, this.workers::get);
		assertThat(this.archive.get()).isEqualTo(command);
		await().atMost(TRAINING).until(() -> output.toString().contains("could not make the"));
		assertThat(output).contains("the extraction of " + jar + " made no boot.jar");
		assertThat(this.archive.get()).isEqualTo(command);
	}

	@Test
	void closingEndsATrainingJvmThatRuns() throws IOException {
		Path jar = TestJars.plain(this.directory.resolve("app.jar"));
		this.archive = new ClassDataArchive(TestJars.java("-jar", jar.toString(), "hang"), cache(), null,
				this.workers::get);
		this.archive.get();
		ProcessHandle training = await().atMost(TRAINING)
			.until(ClassDataArchiveTests::trainingJvm, (jvm) -> jvm != null);
		this.archive.close();
		await().atMost(Duration.ofSeconds(30)).until(() -> !training.isAlive());
	}

	@Test
	void aMasterThatFindsTheLockTakenLeavesTheArchiveToTheProcessHoldingIt() throws Exception {
		Path jar = TestJars.plain(this.directory.resolve("app.jar"));
		WorkerCommand command = TestJars.java("-jar", jar.toString());
		JarLaunch launch = JarLaunch.parse(command.command(), Map.of());
		Path javaHome = Path.of(System.getProperty("java.home")).toRealPath();
		ArchivePlace place = ArchivePlace.locate(cache(), launch, false,
				ArchiveFormat.forFeature(Runtime.version().feature()), javaHome, Map.of());
		Files.createDirectories(place.directory());
		try (FileChannel channel = FileChannel.open(place.lock(), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
				FileLock lock = channel.lock()) {
			assertThat(new ArchiveTraining(launch, command, TRAINING).train(place))
				.isEqualTo(ArchiveTraining.Outcome.BUSY);
		}
		assertThat(place.isReady()).isFalse();
	}

	@Test
	void theDefaultDirectoryIsSystemdsCacheDirectoryElseTheUsersCache() {
		assertThat(ClassDataArchive.defaultDirectory(
				Map.of("CACHE_DIRECTORY", "/var/cache/app:/var/cache/other", "XDG_CACHE_HOME", "/xdg"), "/home/u"))
			.isEqualTo(Path.of("/var/cache/app"));
		assertThat(ClassDataArchive.defaultDirectory(Map.of("XDG_CACHE_HOME", "/xdg"), "/home/u"))
			.isEqualTo(Path.of("/xdg/oslo-service"));
		assertThat(ClassDataArchive.defaultDirectory(Map.of("XDG_CACHE_HOME", "relative"), "/home/u"))
			.isEqualTo(Path.of("/home/u/.cache/oslo-service"));
		assertThat(ClassDataArchive.defaultDirectory(Map.of(), "?")).isNull();
	}

	private WorkerCommand awaitArchived(WorkerCommand command) {
		return await().atMost(TRAINING).until(this.archive::get, (current) -> !current.equals(command));
	}

	private Path cache() {
		return this.directory.resolve("cache");
	}

	private List<Path> archiveFiles() throws IOException {
		if (!Files.isDirectory(cache())) {
			return List.of();
		}
		try (Stream<Path> files = Files.walk(cache())) {
			return files.filter((file) -> file.getFileName().toString().matches("classes\\.(jsa|aot)")).toList();
		}
	}

	private static ProcessHandle trainingJvm() {
		return ProcessHandle.current()
			.children()
			.filter((child) -> child.info()
				.arguments()
				.map((arguments) -> Stream.of(arguments)
					.anyMatch((argument) -> argument.startsWith("-XX:ArchiveClassesAtExit=")
							|| argument.startsWith("-XX:AOTCacheOutput=")))
				.orElse(false))
			.findFirst()
			.orElse(null);
	}

	private static WorkerSnapshot worker(WorkerState state) {
		return new WorkerSnapshot(1, 1, state, 1, 0, Instant.now(), null, null, false);
	}

}
