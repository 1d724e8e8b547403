package dev.oslo.service;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(OutputCaptureExtension.class)
class GracefulShutdownTests {

	private final List<String> journal = new CopyOnWriteArrayList<>();

	private final RecordingExit exit = new RecordingExit();

	@Test
	void exitsWithStatusZeroOnceEveryServiceTerminated() {
		ServiceLauncher launcher = launcher(Duration.ofSeconds(30));
		launcher.launchService("a", new RecordingService("a", this.journal));
		new GracefulShutdown(launcher, this.exit).begin("SIGTERM", launcher::stop);
		await().untilAsserted(() -> assertThat(this.exit.calls).containsExactly("exit 0"));
		assertThat(this.journal).contains("a.stop", "a.await");
	}

	@Test
	void anErrorInTheShutdownStepsHaltsWithStatusOneInsteadOfLeavingTheProcessRunning() {
		ServiceLauncher launcher = launcher(Duration.ZERO);
		launcher.launchService("a", new RecordingService("a", this.journal));
		new GracefulShutdown(launcher, this.exit).begin("SIGTERM", () -> {
			throw new NoClassDefFoundError("the jar was replaced");
		});
		await().untilAsserted(() -> assertThat(this.exit.calls).containsExactly("halt 1"));
		launcher.stop();
	}

	@Test
	void haltsWithStatusOneAtTheDeadlineNamingTheStuckServiceWithItsStack(CapturedOutput output) {
		AtomicReference<LauncherConfig> config = new AtomicReference<>(
				LauncherConfig.DEFAULTS.withGracefulShutdownTimeout(Duration.ofMillis(300)).withHandleSignals(false));
		ServiceLauncher launcher = new ServiceLauncher(config::get);
		ControllableService stuck = new RecordingService("stuck", this.journal).hangOnStop();
		launcher.launchService("stuck", stuck);
		GracefulShutdown shutdown = new GracefulShutdown(launcher, this.exit);
		shutdown.begin("SIGTERM", () -> {
			config.set(config.get().withGracefulShutdownTimeout(Duration.ZERO));
			launcher.stop();
		});
		await().untilAsserted(() -> assertThat(this.exit.calls).containsExactly("halt 1"));
		assertThat(output).contains("Graceful shutdown timeout of 300ms exceeded; exiting with status 1")
			.contains("service 'stuck' (" + RecordingService.class.getName() + ") is still stopping")
			.contains(RecordingService.class.getName() + ".stop");
		stuck.releaseStop();
		await().untilAsserted(() -> assertThat(this.exit.calls).containsExactly("halt 1", "exit 0"));
	}

	@Test
	void servicesStillStoppingAfterTheStepsHaltWithStatusOne(CapturedOutput output) {
		ServiceLauncher launcher = launcher(Duration.ofMillis(200));
		ControllableService stuck = new RecordingService("stuck", this.journal).hangOnStop();
		launcher.launchService("stuck", stuck);
		new GracefulShutdown(launcher, this.exit).begin("SIGTERM", launcher::stop);
		await().untilAsserted(() -> assertThat(this.exit.calls).contains("halt 1").doesNotContain("exit 0"));
		assertThat(output).contains("service 'stuck'").contains("oslo-stop-stuck");
		stuck.releaseStop();
		launcher.stop();
	}

	@Test
	void zeroTimeoutWaitsForeverWithoutADeadline() {
		ServiceLauncher launcher = launcher(Duration.ZERO);
		ControllableService slow = new RecordingService("slow", this.journal).hangOnStop();
		launcher.launchService("slow", slow);
		new GracefulShutdown(launcher, this.exit).begin("SIGTERM", launcher::stop);
		await().until(() -> this.journal.contains("slow.stop"));
		await().during(Duration.ofMillis(500)).atMost(Duration.ofSeconds(5)).until(this.exit.calls::isEmpty);
		slow.releaseStop();
		await().untilAsserted(() -> assertThat(this.exit.calls).containsExactly("exit 0"));
	}

	@Test
	void secondRequestWhileShuttingDownIsIgnored(CapturedOutput output) {
		ServiceLauncher launcher = launcher(Duration.ofSeconds(30));
		launcher.launchService("a", new RecordingService("a", this.journal));
		GracefulShutdown shutdown = new GracefulShutdown(launcher, this.exit);
		shutdown.begin("SIGTERM", launcher::stop);
		shutdown.begin("SIGTERM", launcher::stop);
		await().untilAsserted(() -> assertThat(this.exit.calls).containsExactly("exit 0"));
		assertThat(output).contains("SIGTERM: a graceful shutdown is already in progress");
		assertThat(shutdown.hasBegun()).isTrue();
	}

	private static ServiceLauncher launcher(Duration timeout) {
		return new ServiceLauncher(
				LauncherConfig.DEFAULTS.withGracefulShutdownTimeout(timeout).withHandleSignals(false));
	}

}
