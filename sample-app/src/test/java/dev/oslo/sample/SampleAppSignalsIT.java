package dev.oslo.sample;

import java.time.Duration;
import java.util.List;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Starts the sample app's jar and sends it real signals, as an operator would.
 */
class SampleAppSignalsIT {

	private static final Duration EXIT = Duration.ofSeconds(30);

	@Test
	void actuatorShowsBothServicesRunningAndTheLauncherHealth() throws Exception {
		try (SampleProcess app = SampleProcess.start().awaitStarted()) {
			DocumentContext launcher = JsonPath.parse(app.get("/actuator/launcher"));
			assertThat(launcher.read("$.mode", String.class)).isEqualTo("in-process");
			assertThat(launcher.read("$.state", String.class)).isEqualTo("RUNNING");
			assertThat(launcher.read("$.gracefulShutdownTimeout", String.class)).isEqualTo("30s");
			assertThat(launcher.read("$.restartMethod", String.class)).isEqualTo("reload");
			assertThat(launcher.read("$.services[*].name", List.class)).containsExactly("heartbeatService",
					"workQueueService");
			assertThat(launcher.read("$.services[*].state", List.class)).containsExactly("RUNNING", "RUNNING");
			DocumentContext health = JsonPath.parse(app.get("/actuator/health"));
			assertThat(health.read("$.components.launcher.status", String.class)).isEqualTo("UP");
			assertThat(health.read("$.components.launcher.details.services.RUNNING", Integer.class)).isEqualTo(2);
		}
	}

	@Test
	void sigtermStopsBothServicesAndExitsZero() throws Exception {
		try (SampleProcess app = SampleProcess.start().awaitStarted()) {
			app.signal("TERM");
			assertThat(app.awaitExit(EXIT)).isZero();
			assertThat(app.output()).contains("heartbeat stopped after")
				.contains("work-queue drained;")
				.contains("Service 'heartbeatService' stopped")
				.contains("Service 'workQueueService' stopped")
				.contains("exiting with status 0");
		}
	}

	@Test
	void sigtermWithAHangingStopExitsOneAtTheDeadlineNamingTheStuckService() throws Exception {
		try (SampleProcess app = SampleProcess
			.start("--sample.work-queue.drain-time=1h", "--oslo.service.graceful-shutdown-timeout=2s")
			.awaitStarted()) {
			long signalled = System.nanoTime();
			app.signal("TERM");
			assertThat(app.awaitExit(EXIT)).isOne();
			assertThat(Duration.ofNanos(System.nanoTime() - signalled)).isGreaterThanOrEqualTo(Duration.ofSeconds(2));
			assertThat(app.output()).contains("Graceful shutdown timeout of 2s exceeded; exiting with status 1")
				.contains("service 'workQueueService' (dev.oslo.sample.WorkQueueService) is still stopping")
				.contains("dev.oslo.sample.WorkQueueService.stop(WorkQueueService.java:")
				.contains("Service 'heartbeatService' stopped");
		}
	}

	@Test
	void sigintExitsAtOnceWithStatusOneWithoutDraining() throws Exception {
		try (SampleProcess app = SampleProcess.start("--sample.work-queue.drain-time=1h").awaitStarted()) {
			app.signal("INT");
			assertThat(app.awaitExit(EXIT)).isOne();
			assertThat(app.output()).contains("SIGINT: exiting immediately with status 1")
				.doesNotContain("work-queue draining");
		}
	}

	@Test
	void failingStartExitsOneNamingTheServiceAndStopsTheOneAlreadyStarted() throws Exception {
		try (SampleProcess app = SampleProcess.start("--sample.work-queue.fail-on-start=true")) {
			assertThat(app.awaitExit(EXIT)).isOne();
			assertThat(app.output())
				.contains("Service 'workQueueService' (dev.oslo.sample.WorkQueueService) failed to start")
				.contains("sample.work-queue.fail-on-start is set")
				.contains("Service 'heartbeatService' stopped");
		}
	}

	@Test
	void negativeGracefulShutdownTimeoutFailsStartupNamingThePropertyAndValue() throws Exception {
		try (SampleProcess app = SampleProcess.start("--oslo.service.graceful-shutdown-timeout=-5s")) {
			assertThat(app.awaitExit(EXIT)).isOne();
			assertThat(app.output()).contains("Property: oslo.service.graceful-shutdown-timeout")
				.contains("Value: \"-5s\"")
				.doesNotContain("Started service");
		}
	}

}
