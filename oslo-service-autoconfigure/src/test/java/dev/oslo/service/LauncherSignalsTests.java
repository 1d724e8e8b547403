package dev.oslo.service;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.oslo.service.GracefulShutdownTests.RecordingExit;
import org.junit.jupiter.api.Test;
import sun.misc.Signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;
import static org.awaitility.Awaitility.await;

class LauncherSignalsTests {

	private final List<String> journal = new CopyOnWriteArrayList<>();

	private final RecordingExit exit = new RecordingExit();

	private final ServiceLauncher launcher = new ServiceLauncher(
			LauncherConfig.DEFAULTS.withGracefulShutdownTimeout(Duration.ofSeconds(30)).withHandleSignals(false));

	private final ReloadCoordinator reloads = new ReloadCoordinator(this.launcher, null, List::of);

	@Test
	void sigtermStopsTheServicesGracefullyAndExitsZero() {
		this.launcher.launchService("a", new RecordingService("a", this.journal));
		try (LauncherSignals signals = new LauncherSignals(new GracefulShutdown(this.launcher, this.exit),
				this.launcher::stop, this.reloads)) {
			assumeTrue(signals.install(), "SIGTERM, SIGINT and SIGHUP can be handled in this JVM");
			Signal.raise(new Signal("TERM"));
			await().untilAsserted(() -> assertThat(this.exit.calls).containsExactly("exit 0"));
		}
		assertThat(this.journal).containsExactly("a.start", "a.stop", "a.await");
	}

	@Test
	void sighupResetsTheServicesOnceTheyHaveStarted() throws InterruptedException {
		this.launcher.launchService("a", new RecordingService("a", this.journal));
		try (LauncherSignals signals = new LauncherSignals(new GracefulShutdown(this.launcher, this.exit),
				this.launcher::stop, this.reloads)) {
			assumeTrue(signals.install(), "SIGTERM, SIGINT and SIGHUP can be handled in this JVM");
			Signal.raise(new Signal("HUP"));
			await().during(Duration.ofMillis(200)).until(() -> this.reloads.snapshot().count() == 0);
			this.reloads.markReady();
			await().untilAsserted(() -> assertThat(this.reloads.snapshot().count()).isOne());
		}
		assertThat(this.journal).containsExactly("a.start", "a.reset");
		assertThat(this.reloads.snapshot().last().outcome()).isEqualTo(ReloadOutcome.SUCCESS);
		assertThat(this.exit.calls).isEmpty();
		this.launcher.stop();
	}

	@Test
	void sigintHaltsAtOnceWithStatusOneWithoutStoppingServices() {
		this.launcher.launchService("a", new RecordingService("a", this.journal));
		try (LauncherSignals signals = new LauncherSignals(new GracefulShutdown(this.launcher, this.exit),
				this.launcher::stop, this.reloads)) {
			assumeTrue(signals.install(), "SIGTERM, SIGINT and SIGHUP can be handled in this JVM");
			Signal.raise(new Signal("INT"));
			await().untilAsserted(() -> assertThat(this.exit.calls).containsExactly("halt 1"));
		}
		assertThat(this.journal).containsExactly("a.start");
		this.launcher.stop();
	}

}
