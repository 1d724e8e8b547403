package dev.oslo.service;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

import dev.oslo.service.process.WorkerMain;
import dev.oslo.service.test.systemd.NotifyListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link Launchers#launch} from a plain {@code main} without Spring Boot, as a real process
 * receiving real signals.
 */
class PlainMainLauncherIT {

	@Test
	void sigtermStopsTheServiceAndExitsZero() throws Exception {
		Outcome outcome = runAndSignal("30", "drain", "TERM");
		assertThat(outcome.status()).isZero();
		assertThat(outcome.output()).contains("fixture stopping", "fixture stopped", "exiting with status 0");
	}

	@Test
	void sigtermWithAHangingStopExitsOneAtTheDeadline() throws Exception {
		Outcome outcome = runAndSignal("1", "hang", "TERM");
		assertThat(outcome.status()).isOne();
		assertThat(outcome.output()).contains("Graceful shutdown timeout of 1s exceeded")
			.contains("is still stopping")
			.contains("PlainMainFixture$1.awaitTermination(")
			.doesNotContain("fixture stopped");
	}

	@Test
	void sigintExitsAtOnceWithStatusOne() throws Exception {
		Outcome outcome = runAndSignal("30", "hang", "INT");
		assertThat(outcome.status()).isOne();
		assertThat(outcome.output()).doesNotContain("fixture stopping");
	}

	@Test
	void underSystemdItIsReadyOnceTheServiceStartedAndSaysWhenItStops(@TempDir Path directory) throws Exception {
		try (NotifyListener listener = NotifyListener.bind(directory.resolve("notify"))) {
			List<String> received = new CopyOnWriteArrayList<>();
			Outcome outcome = runAndSignal(Map.of("NOTIFY_SOCKET", listener.notifySocket()),
					(output) -> {
						received.addAll(listener.drain());
						return !received.isEmpty();
					}, "30", "drain", "TERM");
			received.add(listener.next(Duration.ofSeconds(10)));

			assertThat(outcome.status()).isZero();
			assertThat(received).hasSize(2);
			assertThat(received.get(0)).isEqualTo("READY=1\nSTATUS=1 service running");
			assertThat(received.get(1)).startsWith("STOPPING=1\nEXTEND_TIMEOUT_USEC=")
				.endsWith("\nSTATUS=stopping: waiting for service (30 s left)");
		}
	}

	@Test
	void withTwoWorkersTheMainBecomesTheirMasterAHangupResetsEachAndSigtermStopsThemAll() throws Exception {
		Path log = Files.createTempFile("plain-master", ".log");
		Process master = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
				System.getProperty("java.class.path"), WorkerMain.class.getName())
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		try {
			await().atMost(Duration.ofSeconds(90)).until(() -> Files.readString(log).contains("2 worker(s) ready"));
			List<ProcessHandle> workers = master.children().toList();
			assertThat(workers).hasSize(2);
			assertThat(new ProcessBuilder("kill", "-HUP", Long.toString(master.pid())).start().waitFor()).isZero();
			await().atMost(Duration.ofSeconds(30)).until(() -> workers.stream()
				.allMatch((worker) -> readQuietly(log).contains("echo reset in " + worker.pid())));
			assertThat(new ProcessBuilder("kill", "-TERM", Long.toString(master.pid())).start().waitFor()).isZero();
			assertThat(master.waitFor(30, TimeUnit.SECONDS)).as("exited within 30 s").isTrue();
			assertThat(master.exitValue()).isZero();
			assertThat(workers).noneMatch(ProcessHandle::isAlive);
			assertThat(Files.readString(log)).contains("echo stopping in " + workers.get(0).pid(),
					"echo stopping in " + workers.get(1).pid());
		}
		finally {
			master.descendants().forEach(ProcessHandle::destroyForcibly);
			master.destroyForcibly();
			Files.deleteIfExists(log);
		}
	}

	private static String readQuietly(Path log) {
		try {
			return Files.readString(log);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static Outcome runAndSignal(String timeoutSeconds, String stopBehaviour, String signal)
			throws IOException, InterruptedException {
		return runAndSignal(Map.of(), (output) -> output.contains("fixture started"), timeoutSeconds, stopBehaviour,
				signal);
	}

	/**
	 * Run the fixture, signal it once {@code started} holds, and wait for it to exit.
	 * @param started given the process's output so far; may wait for something else
	 */
	private static Outcome runAndSignal(Map<String, String> environment, Predicate<String> started,
			String timeoutSeconds, String stopBehaviour, String signal) throws IOException, InterruptedException {
		Path log = Files.createTempFile("plain-main", ".log");
		ProcessBuilder builder = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
				System.getProperty("java.class.path"), PlainMainFixture.class.getName(), timeoutSeconds, stopBehaviour)
			.redirectErrorStream(true)
			.redirectOutput(log.toFile());
		builder.environment().putAll(environment);
		Process process = builder.start();
		try {
			await().atMost(Duration.ofSeconds(60))
				.until(() -> started.test(Files.readString(log)));
			assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor())
				.isZero();
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).as("exited within 30 s").isTrue();
			return new Outcome(process.exitValue(), Files.readString(log));
		}
		finally {
			process.destroyForcibly();
			Files.deleteIfExists(log);
		}
	}

	private record Outcome(int status, String output) {
	}

}
