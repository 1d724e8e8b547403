package dev.oslo.service;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

class ServiceLauncherTests {

	private final List<String> journal = new CopyOnWriteArrayList<>();

	private final ServiceLauncher launcher = new ServiceLauncher(
			LauncherConfig.DEFAULTS.withGracefulShutdownTimeout(Duration.ofSeconds(5)).withHandleSignals(false));

	@AfterEach
	void stopLauncher() {
		this.launcher.stop();
	}

	@Test
	void launchServiceStartsItAtOnceAndReportsItRunning() {
		this.launcher.launchService("first", new RecordingService("first", this.journal));
		LauncherSnapshot snapshot = this.launcher.snapshot();
		assertThat(this.journal).containsExactly("first.start");
		assertThat(snapshot.state()).isEqualTo(ServiceState.RUNNING);
		assertThat(snapshot.mode()).isEqualTo("in-process");
		assertThat(snapshot.pid()).isEqualTo(ProcessHandle.current().pid());
		assertThat(snapshot.services()).singleElement().satisfies((service) -> {
			assertThat(service.name()).isEqualTo("first");
			assertThat(service.type()).isEqualTo(RecordingService.class.getName());
			assertThat(service.state()).isEqualTo(ServiceState.RUNNING);
			assertThat(service.startedAt()).isNotNull();
			assertThat(service.lastError()).isNull();
		});
	}

	@Test
	void serviceWithoutExplicitNameIsNamedAfterItsClass() {
		this.launcher.launchService(new RecordingService("x", this.journal));
		assertThat(this.launcher.snapshot().services()).extracting(ServiceSnapshot::name)
			.containsExactly("recordingService");
	}

	@Test
	void stopStopsThenAwaitsEveryServiceAndTerminatesTheLauncher() throws InterruptedException {
		this.launcher.launchService("a", new RecordingService("a", this.journal));
		this.launcher.launchService("b", new RecordingService("b", this.journal));
		this.launcher.stop();
		this.launcher.await();
		assertThat(this.journal).containsSubsequence("a.stop", "a.await").containsSubsequence("b.stop", "b.await");
		assertThat(this.launcher.snapshot().state()).isEqualTo(ServiceState.TERMINATED);
		assertThat(this.launcher.snapshot().serviceNamesIn(ServiceState.TERMINATED)).containsExactly("a", "b");
	}

	@Test
	void hangingStopIsAbandonedAtTheDeadlineAndNamedInTheReport() {
		ServiceLauncher quick = new ServiceLauncher(
				LauncherConfig.DEFAULTS.withGracefulShutdownTimeout(Duration.ofMillis(200)).withHandleSignals(false));
		ControllableService stuck = new RecordingService("stuck", this.journal).hangOnStop();
		quick.launchService("stuck", stuck);
		quick.launchService("fine", new RecordingService("fine", this.journal));
		long started = System.nanoTime();
		quick.stop();
		assertThat(TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started)).isLessThan(30);
		assertThat(quick.snapshot().serviceNamesIn(ServiceState.STOPPING)).containsExactly("stuck");
		assertThat(quick.snapshot().serviceNamesIn(ServiceState.TERMINATED)).containsExactly("fine");
		assertThat(quick.stoppingReport()).contains("service 'stuck'")
			.contains("oslo-stop-stuck")
			.contains(RecordingService.class.getName() + ".stop");
		stuck.releaseStop();
		quick.stop();
		assertThat(quick.snapshot().state()).isEqualTo(ServiceState.TERMINATED);
		assertThat(quick.stoppingReport()).isEmpty();
	}

	@Test
	void failedStartStopsTheServicesAlreadyStartedAndNamesTheService() {
		this.launcher.launchService("a", new RecordingService("a", this.journal));
		assertThatExceptionOfType(ServiceStartException.class)
			.isThrownBy(() -> this.launcher.launchService("b", new RecordingService("b", this.journal).failOnStart()))
			.withMessageContaining("'b'")
			.satisfies((ex) -> assertThat(ex.serviceName()).isEqualTo("b"));
		assertThat(this.journal).containsExactly("a.start", "b.start", "a.stop", "a.await");
		LauncherSnapshot snapshot = this.launcher.snapshot();
		assertThat(snapshot.state()).isEqualTo(ServiceState.FAILED);
		assertThat(snapshot.serviceNamesIn(ServiceState.FAILED)).containsExactly("b");
		assertThat(snapshot.services().get(1).lastError()).contains("b cannot start");
	}

	@Test
	void awaitReturnsOnceTheLauncherFailed() throws InterruptedException {
		assertThatExceptionOfType(ServiceStartException.class)
			.isThrownBy(() -> this.launcher.launchService("b", new RecordingService("b", this.journal).failOnStart()));
		this.launcher.await();
		assertThat(this.launcher.snapshot().state()).isEqualTo(ServiceState.FAILED);
	}

	@Test
	void keepAliveThreadHoldsTheJvmWhileServicesRunAndEndsAfterStop() {
		List<Thread> others = keepAliveThreads();
		this.launcher.launchService("a", new RecordingService("a", this.journal));
		List<Thread> ours = keepAliveThreads().stream().filter((thread) -> !others.contains(thread)).toList();
		assertThat(ours).singleElement().satisfies((thread) -> assertThat(thread.isDaemon()).isFalse());
		this.launcher.stop();
		await().until(() -> !ours.get(0).isAlive());
	}

	@Test
	void launchingAfterStopIsRefused() {
		this.launcher.launchService("a", new RecordingService("a", this.journal));
		this.launcher.stop();
		assertThatIllegalStateException()
			.isThrownBy(() -> this.launcher.launchService("b", new RecordingService("b", this.journal)))
			.withMessageContaining("TERMINATED");
	}

	@Test
	void duplicateNamesAreRefused() {
		this.launcher.launchService("a", new RecordingService("a", this.journal));
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.launcher.launchService("a", new RecordingService("a", this.journal)))
			.withMessageContaining("'a'");
	}

	@Test
	void moreThanOneWorkerIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> this.launcher.launchService(new RecordingService("a", this.journal), 2))
			.withMessageContaining("workers must be 1, was 2");
	}

	@Test
	void manyServicesFitInOneLauncher() {
		for (int i = 0; i < 50; i++) {
			this.launcher.launchService("s" + i, new RecordingService("s" + i, this.journal));
		}
		assertThat(this.launcher.snapshot().serviceNamesIn(ServiceState.RUNNING)).hasSize(50);
	}

	@Test
	void restartWithReloadStopsResetsAndStartsEachService() {
		this.launcher.launchService("a", new RecordingService("a", this.journal));
		this.journal.clear();
		this.launcher.restart();
		assertThat(this.journal).containsExactly("a.stop", "a.await", "a.reset", "a.start");
		assertThat(this.launcher.snapshot().serviceNamesIn(ServiceState.RUNNING)).containsExactly("a");
	}

	@Test
	void restartWithMutateOnlyResets() {
		ServiceLauncher mutating = new ServiceLauncher(
				LauncherConfig.DEFAULTS.withRestartMethod(RestartMethod.MUTATE).withHandleSignals(false));
		mutating.launchService("a", new RecordingService("a", this.journal));
		this.journal.clear();
		mutating.restart();
		mutating.stop();
		assertThat(this.journal).containsExactly("a.reset", "a.stop", "a.await");
	}

	@Test
	void snapshotReadsTheConfigurationAtUseTime() {
		LauncherConfig[] current = { LauncherConfig.DEFAULTS };
		ServiceLauncher reading = new ServiceLauncher(() -> current[0]);
		current[0] = current[0].withGracefulShutdownTimeout(Duration.ofSeconds(7))
			.withRestartMethod(RestartMethod.MUTATE);
		assertThat(reading.snapshot().gracefulShutdownTimeout()).isEqualTo(Duration.ofSeconds(7));
		assertThat(reading.snapshot().restartMethod()).isEqualTo(RestartMethod.MUTATE);
	}

	private static List<Thread> keepAliveThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().equals("oslo-launcher-keepalive") && thread.isAlive())
			.toList();
	}

}
