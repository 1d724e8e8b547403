package dev.oslo.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Reloads of the sample app's jar (SIGHUP, the {@code launcher} and {@code refresh}
 * endpoints), with its configuration file edited between them.
 */
class SampleAppReloadIT {

	private static final Duration RELOAD = Duration.ofSeconds(30);

	@TempDir
	Path directory;

	@Test
	void reloadRereadsTheFileAndRestartsTheServices() throws Exception {
		try (SampleProcess app = start("""
				sample.heartbeat.interval: 5s
				oslo.service.graceful-shutdown-timeout: 7s
				""")) {
			write("""
					sample.heartbeat.interval: 2s
					oslo.service.graceful-shutdown-timeout: 9s
					""");
			app.signal("HUP");
			DocumentContext launcher = awaitReloads(app, 1);
			assertThat(launcher.read("$.reloads.last.outcome", String.class)).isEqualTo("success");
			assertThat(launcher.read("$.reloads.last.changedKeys", List.class)).contains("sample.heartbeat.interval",
					"oslo.service.graceful-shutdown-timeout");
			assertThat(launcher.read("$.gracefulShutdownTimeout", String.class)).isEqualTo("9s");
			assertThat(launcher.read("$.services[*].state", List.class)).containsExactly("RUNNING", "RUNNING");
			assertThat(app.output()).contains("reloading the configuration (restart method reload)")
				.contains("heartbeat reset; interval now 2s")
				.contains("Service 'heartbeatService' restarted")
				.contains("Service 'workQueueService' restarted");
		}
	}

	@Test
	void mutateResetsTheServicesWithoutRestartingThem() throws Exception {
		try (SampleProcess app = start("""
				sample.heartbeat.interval: 5s
				oslo.service.restart-method: mutate
				""")) {
			String startedAt = app.launcher().read("$.services[0].startedAt", String.class);
			write("""
					sample.heartbeat.interval: 2s
					oslo.service.restart-method: mutate
					""");
			app.signal("HUP");
			DocumentContext launcher = awaitReloads(app, 1);
			assertThat(launcher.read("$.reloads.last.outcome", String.class)).isEqualTo("success");
			assertThat(launcher.read("$.services[0].startedAt", String.class)).isEqualTo(startedAt);
			assertThat(app.output()).contains("restart method mutate")
				.contains("heartbeat reset; interval now 2s")
				.doesNotContain("restarted");
		}
	}

	@Test
	void aLoggingLevelChangedInTheFileApplies() throws Exception {
		try (SampleProcess app = start("sample.heartbeat.interval: 5s\n")) {
			assertThat(app.output()).doesNotContain("heartbeat timer started with interval");
			write("""
					sample.heartbeat.interval: 5s
					logging.level.dev.oslo.sample: debug
					""");
			app.signal("HUP");
			awaitReloads(app, 1);
			assertThat(app.output()).contains("heartbeat timer started with interval 5s");
		}
	}

	@Test
	void anInvalidFileKeepsEveryOldValueAndTheServicesRunning() throws Exception {
		try (SampleProcess app = start("""
				sample.work-queue.batch-size: 4
				oslo.service.graceful-shutdown-timeout: 7s
				""")) {
			write("""
					sample.work-queue.batch-size: 4
					oslo.service.graceful-shutdown-timeout: soon
					""");
			app.signal("HUP");
			DocumentContext launcher = awaitReloads(app, 1);
			assertThat(launcher.read("$.reloads.last.outcome", String.class)).isEqualTo("failure");
			assertThat(launcher.read("$.reloads.last.error", String.class))
				.contains("oslo.service.graceful-shutdown-timeout=\"soon\"");
			assertThat(launcher.read("$.gracefulShutdownTimeout", String.class)).isEqualTo("7s");
			assertThat(launcher.read("$.services[*].state", List.class)).containsExactly("RUNNING", "RUNNING");
			write("""
					sample.work-queue.batch-size: 0
					oslo.service.graceful-shutdown-timeout: 7s
					""");
			app.signal("HUP");
			launcher = awaitReloads(app, 2);
			assertThat(launcher.read("$.reloads.last.error", String.class))
				.contains("sample.work-queue.batch-size=\"0\": must be greater than or equal to 1");
			assertThat(app.output())
				.contains("Reload rejected; the services keep running on the previous configuration")
				.doesNotContain("work-queue reset");
		}
	}

	@Test
	void hangupsDuringASlowReloadCoalesceIntoExactlyOneMoreWhichAppliesTheLastFile() throws Exception {
		try (SampleProcess app = start(slowReload("5s"))) {
			write(slowReload("1s"));
			app.signal("HUP");
			app.awaitLog("work-queue resetting");
			for (String interval : List.of("2s", "3s", "4s")) {
				write(slowReload(interval));
				app.signal("HUP");
			}
			awaitReloads(app, 2);
			await().failFast("a third reload started", () -> reloadsBegun(app) > 2)
				.during(Duration.ofSeconds(1))
				.atMost(RELOAD)
				.until(() -> reloadsBegun(app) == 2);
			assertThat(reloads(app)).isEqualTo(2);
			assertThat(app.launcher().read("$.reloads.last.outcome", String.class)).isEqualTo("success");
			assertThat(app.output().lines().filter((line) -> line.contains("heartbeat reset; interval now")))
				.map((line) -> line.substring(line.lastIndexOf(' ') + 1))
				.containsExactly("1s", "4s");
		}
	}

	@Test
	void hangupThenTerminateExitsCleanly() throws Exception {
		try (SampleProcess app = start("sample.heartbeat.interval: 5s\n")) {
			write("sample.heartbeat.interval: 2s\n");
			app.signal("HUP");
			app.signal("TERM");
			assertThat(app.awaitExit(RELOAD)).isZero();
			assertThat(app.output()).contains("exiting with status 0");
		}
	}

	@Test
	void sigtermDuringASlowReloadLetsItFinishStartsNoOtherAndExitsZeroWithinTheDeadline() throws Exception {
		try (SampleProcess app = start("""
				sample.heartbeat.interval: 5s
				sample.work-queue.reset-time: 3s
				oslo.service.graceful-shutdown-timeout: 20s
				""")) {
			write("""
					sample.heartbeat.interval: 2s
					sample.work-queue.reset-time: 3s
					oslo.service.graceful-shutdown-timeout: 20s
					""");
			app.signal("HUP");
			app.awaitLog("work-queue resetting");
			app.signal("HUP");
			app.awaitLog("a reload is running; one more follows it");
			long signalled = System.nanoTime();
			app.signal("TERM");
			assertThat(app.awaitExit(RELOAD)).isZero();
			assertThat(Duration.ofNanos(System.nanoTime() - signalled)).isLessThan(Duration.ofSeconds(20));
			String output = app.output();
			assertThat(reloadsBegun(app)).isOne();
			assertThat(output).contains("work-queue reset; batch size")
				.contains("Service 'heartbeatService' stopped")
				.contains("exiting with status 0")
				.doesNotContain("Reload failed");
		}
	}

	@Test
	void theWriteOperationIsRefusedUntilEnabled() throws Exception {
		try (SampleProcess app = start("sample.heartbeat.interval: 5s\n")) {
			assertThat(app.post("/actuator/launcher").statusCode()).isGreaterThanOrEqualTo(400);
			assertThat(reloads(app)).isZero();
		}
		try (SampleProcess app = start("sample.heartbeat.interval: 5s\n",
				"--management.endpoint.launcher.access=unrestricted")) {
			write("sample.heartbeat.interval: 2s\n");
			HttpResponse<String> response = app.post("/actuator/launcher");
			assertThat(response.statusCode()).isEqualTo(200);
			assertThat(JsonPath.parse(response.body()).read("$.last.outcome", String.class)).isEqualTo("success");
			assertThat(app.launcher().read("$.reloads.last.trigger", String.class)).isEqualTo("launcher-endpoint");
			assertThat(app.output()).contains("POST /actuator/launcher: reloading the configuration");
		}
	}

	@Test
	void postToTheRefreshEndpointIsAReloadAndAnInvalidFileSentThatWayIsRejected() throws Exception {
		try (SampleProcess app = start("""
				sample.heartbeat.interval: 5s
				sample.work-queue.batch-size: 4
				""", "--management.endpoints.web.exposure.include=health,launcher,refresh")) {
			write("""
					sample.heartbeat.interval: 2s
					sample.work-queue.batch-size: 4
					""");
			HttpResponse<String> applied = app.post("/actuator/refresh");
			assertThat(applied.statusCode()).isEqualTo(200);
			assertThat(JsonPath.parse(applied.body()).read("$", List.class)).contains("sample.heartbeat.interval");
			DocumentContext launcher = app.launcher();
			assertThat(launcher.read("$.reloads.last.trigger", String.class)).isEqualTo("refresh-endpoint");
			assertThat(launcher.read("$.reloads.last.outcome", String.class)).isEqualTo("success");
			assertThat(app.output()).contains("POST /actuator/refresh: reloading the configuration")
				.contains("heartbeat reset; interval now 2s")
				.contains("Service 'workQueueService' restarted");

			write("""
					sample.heartbeat.interval: 1s
					sample.work-queue.batch-size: 0
					""");
			HttpResponse<String> rejected = app.post("/actuator/refresh");
			assertThat(rejected.statusCode()).isEqualTo(400);
			assertThat(JsonPath.parse(rejected.body()).read("$.error", String.class))
				.contains("sample.work-queue.batch-size=\"0\": must be greater than or equal to 1");
			launcher = app.launcher();
			assertThat(launcher.read("$.reloads.count", Long.class)).isEqualTo(2);
			assertThat(launcher.read("$.services[*].state", List.class)).containsExactly("RUNNING", "RUNNING");
			assertThat(app.output()).doesNotContain("interval now 1s");
		}
	}

	private SampleProcess start(String yaml, String... args) throws IOException {
		write(yaml);
		String[] all = new String[args.length + 2];
		all[0] = "--spring.config.additional-location=file:" + config();
		all[1] = "--sample.work-queue.drain-time=0ms";
		System.arraycopy(args, 0, all, 2, args.length);
		return SampleProcess.start(all).awaitStarted();
	}

	/**
	 * A configuration whose reloads take 3 s (the work queue's reset), with the
	 * heartbeat's interval.
	 */
	private static String slowReload(String heartbeatInterval) {
		return "sample.heartbeat.interval: " + heartbeatInterval + "\nsample.work-queue.reset-time: 3s\n";
	}

	private Path config() {
		return this.directory.resolve("sample.yml");
	}

	private void write(String yaml) throws IOException {
		Files.writeString(config(), yaml);
	}

	private static long reloads(SampleProcess app) throws IOException, InterruptedException {
		return app.launcher().read("$.reloads.count", Long.class);
	}

	/**
	 * How many reloads have begun, as the log says.
	 */
	private static long reloadsBegun(SampleProcess app) {
		return app.output().lines().filter((line) -> line.contains("reloading the configuration")).count();
	}

	private static DocumentContext awaitReloads(SampleProcess app, long count) {
		await().atMost(RELOAD).until(() -> reloads(app) >= count);
		return await().atMost(RELOAD)
			.until(app::launcher, (launcher) -> launcher.read("$.reloads.count", Long.class) >= count);
	}

}
