package dev.oslo.sample;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import dev.oslo.service.test.process.ChildJvm;

/**
 * How the integration tests run the sample jar. Most of a test's time is JVMs starting (a
 * master, its workers, their replacements), so the tests run the jar extracted, from a
 * dynamic CDS archive of its classes, which about halves each start's time and CPU: the
 * archive is made once per JDK and jar, by the first test JVM that needs it, under a file
 * lock that the other Failsafe fork waits on. Where that fails, the jar runs as it is.
 * Tests of the starter's own class-data archive run the jar as it is.
 */
final class SampleJarLaunch {

	private static final Path JAR = Path.of(System.getProperty("sample.jar", "target/oslo-service-sample-app.jar"))
		.toAbsolutePath();

	/** JVM options that start the sample faster; its workers inherit them. */
	private static final String[] FAST_START = { "-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC" };

	private static final long TRAINING_TIMEOUT_SECONDS = 180;

	private SampleJarLaunch() {
	}

	/**
	 * The command that runs the jar as it is.
	 * @return the command, to which the application's arguments are added
	 */
	static List<String> asItIs() {
		List<String> command = ChildJvm.java(FAST_START);
		command.addAll(List.of("-jar", JAR.toString()));
		return command;
	}

	/**
	 * The command that runs the extracted jar from the tests' class-data archive, made
	 * first if this JDK and jar have none; the jar as it is when it cannot be made.
	 * @return the command, to which the application's arguments are added
	 */
	static List<String> fromArchive() {
		List<String> command = ChildJvm.java(FAST_START);
		command.addAll(Archived.LAUNCH);
		return command;
	}

	private static List<String> prepare() {
		try {
			Path directory = JAR.resolveSibling("it-class-data")
				.resolve(Runtime.version().feature() + "-" + Files.size(JAR) + "-"
						+ Files.getLastModifiedTime(JAR).toMillis());
			Files.createDirectories(directory);
			Path archive = directory.resolve("classes.jsa");
			Path extracted = directory.resolve("app").resolve(JAR.getFileName());
			try (FileChannel channel = FileChannel.open(directory.resolve("lock"), StandardOpenOption.CREATE,
					StandardOpenOption.WRITE); FileLock lock = channel.lock()) {
				if (!Files.exists(archive)) {
					run(directory.resolve("extract.log"), ChildJvm.java("-Djarmode=tools", "-jar", JAR.toString(),
							"extract", "--force", "--destination", directory.resolve("app").toString()));
					Path written = directory.resolve("classes.jsa.tmp");
					List<String> training = ChildJvm.java(FAST_START);
					training.addAll(List.of("-XX:ArchiveClassesAtExit=" + written, "-Dspring.context.exit=onRefresh",
							"-jar", extracted.toString(), "--server.port=0",
							"--oslo.service.worker.class-data.enabled=false"));
					run(directory.resolve("training.log"), training);
					Files.move(written, archive, StandardCopyOption.ATOMIC_MOVE);
				}
			}
			return List.of("-XX:SharedArchiveFile=" + archive, "-jar", extracted.toString());
		}
		catch (IOException | InterruptedException | RuntimeException ex) {
			if (ex instanceof InterruptedException) {
				Thread.currentThread().interrupt();
			}
			System.err.println("The sample jar runs without the tests' class-data archive: " + ex);
			return List.of("-jar", JAR.toString());
		}
	}

	/**
	 * The archive's options and jar, made at the first use.
	 */
	private static final class Archived {

		static final List<String> LAUNCH = prepare();

	}

	private static void run(Path log, List<String> command) throws IOException, InterruptedException {
		Process process = new ProcessBuilder(new ArrayList<>(command)).redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		if (!process.waitFor(TRAINING_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
			process.destroyForcibly();
			throw new IOException("timed out: " + command + " (see " + log + ")");
		}
		if (process.exitValue() != 0) {
			throw new IOException("exit status " + process.exitValue() + ": " + command + " (see " + log + ")");
		}
	}

}
