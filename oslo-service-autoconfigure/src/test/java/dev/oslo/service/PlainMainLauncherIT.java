package dev.oslo.service;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * {@link Launchers#launch} from a plain {@code main} without Spring Boot, as a real process
 * receiving real signals.
 */
class PlainMainLauncherIT {

	@Test
	void sigtermStopsTheServiceAndExitsZero() throws Exception {
		Path log = Files.createTempFile("plain-main", ".log");
		Process process = start(log, "30", "drain");
		try {
			await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(log).contains("fixture started"));
			kill("TERM", process);
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).isZero();
			assertThat(Files.readString(log)).contains("fixture stopping", "fixture stopped",
					"exiting with status 0");
		}
		finally {
			process.destroyForcibly();
			Files.deleteIfExists(log);
		}
	}

	@Test
	void sigtermWithAHangingStopExitsOneAtTheDeadline() throws Exception {
		Path log = Files.createTempFile("plain-main", ".log");
		Process process = start(log, "1", "hang");
		try {
			await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(log).contains("fixture started"));
			kill("TERM", process);
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).isOne();
			assertThat(Files.readString(log)).contains("Graceful shutdown timeout of 1s exceeded")
				.contains("is still stopping")
				.contains("PlainMainFixture$1.awaitTermination(")
				.doesNotContain("fixture stopped");
		}
		finally {
			process.destroyForcibly();
			Files.deleteIfExists(log);
		}
	}

	@Test
	void sigintExitsAtOnceWithStatusOne() throws Exception {
		Path log = Files.createTempFile("plain-main", ".log");
		Process process = start(log, "30", "hang");
		try {
			await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(log).contains("fixture started"));
			kill("INT", process);
			assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
			assertThat(process.exitValue()).isOne();
			assertThat(Files.readString(log)).doesNotContain("fixture stopping");
		}
		finally {
			process.destroyForcibly();
			Files.deleteIfExists(log);
		}
	}

	private static Process start(Path log, String timeoutSeconds, String stopBehaviour) throws IOException {
		return new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
				System.getProperty("java.class.path"), PlainMainFixture.class.getName(), timeoutSeconds, stopBehaviour)
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
	}

	private static void kill(String signal, Process process) throws IOException, InterruptedException {
		assertThat(new ProcessBuilder("kill", "-" + signal, Long.toString(process.pid())).start().waitFor()).isZero();
	}

}
