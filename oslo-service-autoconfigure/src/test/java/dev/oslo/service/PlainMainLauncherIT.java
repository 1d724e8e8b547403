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

	private static Outcome runAndSignal(String timeoutSeconds, String stopBehaviour, String signal)
			throws IOException, InterruptedException {
		Path log = Files.createTempFile("plain-main", ".log");
		Process process = new ProcessBuilder(ProcessHandle.current().info().command().orElse("java"), "-cp",
				System.getProperty("java.class.path"), PlainMainFixture.class.getName(), timeoutSeconds, stopBehaviour)
			.redirectErrorStream(true)
			.redirectOutput(log.toFile())
			.start();
		try {
			await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(log).contains("fixture started"));
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
