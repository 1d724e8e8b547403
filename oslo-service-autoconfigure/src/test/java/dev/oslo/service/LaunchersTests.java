package dev.oslo.service;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class LaunchersTests {

	private final List<String> journal = new CopyOnWriteArrayList<>();

	private final LauncherConfig config = LauncherConfig.DEFAULTS.withHandleSignals(false);

	@Test
	void oneWorkerLaunchesTheServiceInThisProcess() throws InterruptedException {
		Launcher launcher = Launchers.launch(this.config, new RecordingService("a", this.journal), 1);
		assertThat(launcher).isInstanceOf(ServiceLauncher.class);
		assertThat(launcher.snapshot().serviceNamesIn(ServiceState.RUNNING)).containsExactly("recordingService");
		launcher.stop();
		launcher.await();
		assertThat(this.journal).containsExactly("a.start", "a.stop", "a.await");
	}

	@Test
	void fewerThanOneWorkerIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> Launchers.launch(this.config, new RecordingService("a", this.journal), 0))
			.withMessage("workers must be at least 1, was 0");
		assertThat(this.journal).isEmpty();
	}

	@Test
	void failedStartIsThrownNamingTheService() {
		assertThatExceptionOfType(ServiceStartException.class)
			.isThrownBy(() -> Launchers.launch(this.config, new RecordingService("a", this.journal).failOnStart(), 1))
			.withMessageContaining("'recordingService'");
	}

	@Test
	void aFailedStartPutsTheSignalHandlersBack() {
		String before = InstalledSignalHandlers.describe("TERM");
		assertThatExceptionOfType(ServiceStartException.class).isThrownBy(() -> Launchers
			.launch(LauncherConfig.DEFAULTS, new RecordingService("a", this.journal).failOnStart(), 1));
		assertThat(InstalledSignalHandlers.describe("TERM")).isEqualTo(before);
	}

	@Test
	void negativeTimeoutIsRefusedByTheConfig() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.config.withGracefulShutdownTimeout(java.time.Duration.ofSeconds(-5)))
			.withMessageContaining("gracefulShutdownTimeout");
	}

}
