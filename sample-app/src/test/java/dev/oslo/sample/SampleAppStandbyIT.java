package dev.oslo.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The master of two web workers with its default standby, driven as an operator would: a
 * killed worker's slot is filled by the standby, and after an edit and a SIGHUP a standby
 * that booted before the edit answers with the edited configuration: promoted by the
 * roll, it re-reads it first; idle through a reload in place (mutate), it re-reads it
 * then, and keeps it when a later death promotes it.
 */
class SampleAppStandbyIT {

	private static final Duration WAIT = Duration.ofSeconds(90);

	private static final Duration EXIT = Duration.ofSeconds(30);

	@TempDir
	Path directory;

	@Test
	void theStandbyTakesAKilledWorkersSlotAndAfterEachEditAndSighupServesTheNewConfigurationWhetherTheWorkersRollOrMutate()
			throws Exception {
		write("sample.heartbeat.interval: 5s\nsample.work-queue.drain-time: 0ms\n");
		try (SampleProcess app = SampleProcess
			.start("--oslo.service.workers=2", "--spring.config.additional-location=file:" + config())
			.awaitStarted()) {
			long standby = app.awaitStandby(WAIT, List.of());
			List<Long> workers = app.readyWorkerPids();
			assertThat(workers).hasSize(2).doesNotContain(standby);
			assertThat(app.output().lines().filter((line) -> line.contains(" " + standby + " --- ")))
				.noneMatch((line) -> line.contains("Started service"));

			ProcessHandle.of(workers.get(0)).orElseThrow().destroyForcibly();
			await().atMost(WAIT).until(() -> app.readyWorkerPids().equals(List.of(standby, workers.get(1))));
			assertThat(app.launcher().read("$.workers[0].restarts", Integer.class)).isOne();
			assertThat(app.output()).contains("worker 1 (pid " + workers.get(0) + ") exited unexpectedly with status "
					+ "137 (killed by SIGKILL); promoted standby (pid " + standby
					+ ") to its slot (restart 1 of slot 1)");
			long second = app.awaitStandby(WAIT, List.of(standby));

			write("sample.heartbeat.interval: 5s\nsample.work-queue.drain-time: 0ms\nsample.greeting: bonjour\n");
			app.signal("HUP");
			await().atMost(WAIT).until(() -> app.launcher().read("$.reloads.count", Integer.class) == 1);
			assertThat(app.launcher().read("$.reloads.last.outcome", String.class)).isEqualTo("success");
			List<Long> rolled = app.readyWorkerPids();
			assertThat(rolled).hasSize(2).startsWith(second).doesNotContain(standby, workers.get(1));
			assertThat(app.output()).contains("Promoted standby (pid " + second + ") to worker 1, generation 2");
			await().atMost(WAIT).until(() -> app.get("/hello").equals("bonjour from " + second + "\n"));
			await().atMost(WAIT).until(() -> app.get("/hello").equals("bonjour from " + rolled.get(1) + "\n"));

			long third = app.awaitStandby(WAIT, List.of(standby, second));
			write("sample.heartbeat.interval: 5s\nsample.work-queue.drain-time: 0ms\nsample.greeting: hallo\n"
					+ "oslo.service.restart-method: mutate\n");
			app.signal("HUP");
			await().atMost(WAIT).until(() -> app.launcher().read("$.reloads.count", Integer.class) == 2);
			assertThat(app.readyWorkerPids()).isEqualTo(rolled);
			await().atMost(WAIT)
				.until(app::output, (out) -> out
					.contains("standby (pid " + third + ") re-read the configuration of the master's reload 2"));
			ProcessHandle.of(rolled.get(1)).orElseThrow().destroyForcibly();
			await().atMost(WAIT).until(() -> app.readyWorkerPids().equals(List.of(second, third)));
			assertThat(app.output().lines().filter((line) -> line.contains(" " + third + " --- "))).anyMatch(
					(line) -> line.contains("Promoted to worker 2 of generation 2; its configuration is the master's"))
				.noneMatch((line) -> line.contains("Re-read the configuration at promotion"));
			await().atMost(WAIT).until(() -> app.get("/hello").equals("hallo from " + third + "\n"));

			long fourth = app.awaitStandby(WAIT, List.of(standby, second, third));
			app.signal("TERM");
			assertThat(app.awaitExit(EXIT)).isZero();
			await().atMost(EXIT).until(() -> app.children().isEmpty());
			assertThat(app.output()).contains("standby (pid " + fourth + ") exited with status 0");
		}
	}

	private Path config() {
		return this.directory.resolve("sample.yml");
	}

	private void write(String yaml) throws IOException {
		Files.writeString(config(), yaml);
	}

}
