package dev.oslo.sample;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Periodic tasks of the sample app's jar, watched through the {@code periodictasks}
 * endpoint.
 */
class SampleAppPeriodicIT {

	private static final Duration WAIT = Duration.ofSeconds(60);

	@TempDir
	Path directory;

	@Test
	void aSpacingOverrideChangedInTheFileAppliesAfterSighup() throws Exception {
		write("oslo.service.periodic.tasks.queue-report.spacing: 1h\n");
		try (SampleProcess app = start()) {
			assertThat(task(app, "queue-report").read("$.spacing", String.class)).isEqualTo("3600s");
			write("oslo.service.periodic.tasks.queue-report.spacing: 200ms\n");
			app.signal("HUP");
			await().atMost(WAIT).until(() -> task(app, "queue-report").read("$.runs", Long.class) >= 3);
			assertThat(task(app, "queue-report").read("$.spacing", String.class)).isEqualTo("200ms");
			assertThat(task(app, "queue-report").read("$.lastDuration", String.class))
				.matches("[1-9][0-9]*(ms|us|ns)|[0-9]+s");
			assertThat(app.output()).contains("queue report:");
		}
	}

	@Test
	void aRunNowWhileTheTaskRunsIsSkippedAndTheTaskNeverRunsTwiceAtOnce() throws Exception {
		write("""
				sample.audit.spacing: 1h
				sample.audit.duration: 3s
				""");
		try (SampleProcess app = start("--management.endpoint.periodictasks.access=unrestricted")) {
			assertThat(task(app, "audit").read("$.runs", Long.class)).isZero();
			CompletableFuture<Boolean> first = CompletableFuture.supplyAsync(() -> runNow(app, "audit"));
			app.awaitLog("audit begins");

			assertThat(runNow(app, "audit")).isFalse();

			assertThat(first.get(1, TimeUnit.MINUTES)).isTrue();
			assertThat(task(app, "audit").read("$.runs", Long.class)).isOne();
			assertThat(app.output().lines().filter((line) -> line.contains("audit begins"))).hasSize(1);
		}
	}

	@Test
	void anUnknownTaskNameAnswers404ToReadAndToRun() throws Exception {
		write("");
		try (SampleProcess app = start("--management.endpoint.periodictasks.access=unrestricted")) {
			assertThat(app.getResponse("/actuator/periodictasks/no-such-task").statusCode()).isEqualTo(404);
			assertThat(app.post("/actuator/periodictasks/no-such-task").statusCode()).isEqualTo(404);
			HttpResponse<String> audit = app.getResponse("/actuator/periodictasks/audit");
			assertThat(audit.statusCode()).isEqualTo(200);
			assertThat(JsonPath.parse(audit.body()).read("$.name", String.class)).isEqualTo("audit");
		}
	}

	@Test
	void aFailingTaskLeavesTheOthersOnSchedule() throws Exception {
		write("""
				sample.audit.spacing: 100ms
				sample.audit.fail: true
				sample.report.spacing: 100ms
				""");
		try (SampleProcess app = start()) {
			await().atMost(WAIT)
				.until(() -> task(app, "audit").read("$.failures", Long.class) >= 3
						&& task(app, "queue-report").read("$.runs", Long.class) >= 3);
			DocumentContext audit = task(app, "audit");
			assertThat(audit.read("$.lastOutcome", String.class)).isEqualTo("failure");
			assertThat(audit.read("$.lastError", String.class)).contains("audit failed");
			DocumentContext report = task(app, "queue-report");
			assertThat(report.read("$.lastOutcome", String.class)).isEqualTo("success");
			assertThat(report.read("$.failures", Long.class)).isZero();
			assertThat(app.output()).contains("Periodic task 'audit' failed; it stays scheduled");
		}
	}

	private SampleProcess start(String... args) throws IOException {
		List<String> all = new ArrayList<>(List.of("--spring.config.additional-location=file:" + config(),
				"--oslo.service.periodic.jitter=false"));
		all.addAll(List.of(args));
		return SampleProcess.start(all.toArray(String[]::new)).awaitStarted();
	}

	/**
	 * Run a task through the endpoint's write operation.
	 * @return whether it ran ({@code false}: skipped, since it was running)
	 */
	private static boolean runNow(SampleProcess app, String name) {
		try {
			HttpResponse<String> response = app.post("/actuator/periodictasks/" + name);
			assertThat(response.statusCode()).isEqualTo(200);
			return JsonPath.parse(response.body()).read("$.ran", Boolean.class);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			throw new IllegalStateException(ex);
		}
	}

	private Path config() {
		return this.directory.resolve("sample.yml");
	}

	private void write(String yaml) throws IOException {
		Files.writeString(config(), yaml);
	}

	private static DocumentContext task(SampleProcess app, String name) throws IOException, InterruptedException {
		DocumentContext all = JsonPath.parse(app.get("/actuator/periodictasks"));
		List<Object> match = all.read("$.tasks[?(@.name == '" + name + "')]");
		assertThat(match).hasSize(1);
		return JsonPath.parse(match.get(0));
	}

}
