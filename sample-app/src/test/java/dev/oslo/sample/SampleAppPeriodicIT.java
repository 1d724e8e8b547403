package dev.oslo.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Periodic tasks of the sample app's jar, watched through the {@code periodictasks} endpoint.
 */
class SampleAppPeriodicIT {

	private static final Duration WAIT = Duration.ofSeconds(60);

	@TempDir
	Path directory;

	@Test
	void aSpacingOverrideChangedInTheFileAppliesAfterSighup() throws Exception {
		write("oslo.service.periodic.tasks.queue-report.spacing: 1h\n");
		try (SampleProcess app = start()) {
			assertThat(task(app, "queue-report").read("$.spacing", String.class)).isEqualTo("PT1H");
			write("oslo.service.periodic.tasks.queue-report.spacing: 200ms\n");
			app.signal("HUP");
			await().atMost(WAIT).until(() -> task(app, "queue-report").read("$.runs", Long.class) >= 3);
			assertThat(task(app, "queue-report").read("$.spacing", String.class)).isEqualTo("PT0.2S");
			assertThat(app.output()).contains("queue report:");
		}
	}

	@Test
	void aSlowTaskNeverOverlapsItself() throws Exception {
		write("""
				sample.audit.spacing: 100ms
				sample.audit.duration: 300ms
				""");
		try (SampleProcess app = start()) {
			await().atMost(WAIT).until(() -> task(app, "audit").read("$.runs", Long.class) >= 3);
			List<String> audit = app.output()
				.lines()
				.filter((line) -> line.contains("audit begins") || line.contains("audit ends"))
				.map((line) -> line.contains("audit begins") ? "begins" : "ends")
				.toList();
			for (int i = 0; i + 1 < audit.size(); i++) {
				assertThat(audit.get(i)).as("audit line %d", i).isNotEqualTo(audit.get(i + 1));
			}
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

	private SampleProcess start() throws IOException {
		return SampleProcess
			.start("--spring.config.additional-location=file:" + config(), "--oslo.service.periodic.jitter=false")
			.awaitStarted();
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
