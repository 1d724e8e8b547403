package dev.oslo.service;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import dev.oslo.service.process.WorkerSnapshot;
import dev.oslo.service.process.WorkerState;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class SystemdStatusLineTests {

	@Test
	void inProcessCountsServicesAndNamesTheFailedOnes() {
		assertThat(SystemdStatusLine.running(services(ServiceState.RUNNING, ServiceState.RUNNING)))
			.isEqualTo("2 services running");
		assertThat(SystemdStatusLine.running(services(ServiceState.RUNNING))).isEqualTo("1 service running");
		assertThat(SystemdStatusLine.running(services(ServiceState.RUNNING, ServiceState.FAILED)))
			.isEqualTo("1 of 2 services running; failed: service2");
	}

	@Test
	void masterCountsSlotsWithAReadyWorkerAndSaysTheGenerationAndRestarts() {
		assertThat(SystemdStatusLine
			.running(workers(worker(1, WorkerState.READY, 3, 0), worker(2, WorkerState.READY, 3, 0))))
			.isEqualTo("workers 2/2 ready, generation 3");
		assertThat(SystemdStatusLine
			.running(workers(worker(1, WorkerState.READY, 1, 0), worker(2, WorkerState.STARTING, 1, 2))))
			.isEqualTo("workers 1/2 ready, generation 1, 2 restarts");
	}

	@Test
	void standbysAreCountedApartOnceBootedAndNeverAsSlots() {
		assertThat(SystemdStatusLine.running(workers(worker(1, WorkerState.READY, 2, 0),
				worker(0, WorkerState.STANDBY, 2, 0), worker(0, WorkerState.STARTING, 2, 0))))
			.isEqualTo("workers 1/1 ready, 1 standby, generation 2");
		assertThat(SystemdStatusLine
			.stopping(workers(worker(1, WorkerState.STOPPING, 2, 0), worker(0, WorkerState.STOPPING, 2, 0)), null))
			.isEqualTo("stopping: waiting for worker 1 (pid 1001), standby (pid 1000)");
	}

	@Test
	void stoppingNamesWhatItWaitsForAndTheTimeLeft() {
		LauncherSnapshot snapshot = services(ServiceState.STOPPING, ServiceState.TERMINATED);
		assertThat(SystemdStatusLine.stopping(snapshot, Duration.ofMillis(11_200)))
			.isEqualTo("stopping: waiting for service1 (12 s left)");
		assertThat(SystemdStatusLine.stopping(services(ServiceState.TERMINATED), null)).isEqualTo("stopping");
		assertThat(SystemdStatusLine.stopping(
				workers(worker(1, WorkerState.STOPPING, 2, 0), worker(2, WorkerState.EXITED, 2, 0)),
				Duration.ofSeconds(3)))
			.isEqualTo("stopping: waiting for worker 1 (pid 1001) (3 s left)");
	}

	@Test
	void aStatusIsOneLine() {
		assertThat(SystemdStatusLine.oneLine("reload rejected:\n  app.batch-size=0\r\n must be at least 1"))
			.isEqualTo("reload rejected: app.batch-size=0 must be at least 1");
	}

	@Test
	void aLongStatusIsCutBetweenCharactersSoThatTheDatagramStaysWithinSystemdsLimit() {
		String error = "reload rejected: " + "\u00e9\u20ac\uD83D\uDE00x".repeat(1000);

		String line = SystemdStatusLine.oneLine(error);

		byte[] utf8 = line.getBytes(StandardCharsets.UTF_8);
		assertThat(utf8.length).isLessThanOrEqualTo(SystemdStatusLine.MAX_STATUS_BYTES).isGreaterThan(1000);
		assertThat(line).startsWith("reload rejected: \u00e9\u20ac\uD83D\uDE00x").endsWith("\u2026");
		assertThat(new String(utf8, StandardCharsets.UTF_8)).isEqualTo(line);
		assertThat(Character.isHighSurrogate(line.charAt(line.length() - 2))).isFalse();
	}

	@Test
	void aShortStatusIsKeptWhole() {
		String status = "\u00e9".repeat(SystemdStatusLine.MAX_STATUS_BYTES / 2);

		assertThat(SystemdStatusLine.oneLine(status)).isEqualTo(status);
	}

	private static LauncherSnapshot services(ServiceState... states) {
		List<ServiceSnapshot> services = new ArrayList<>();
		for (int i = 0; i < states.length; i++) {
			services.add(new ServiceSnapshot("service" + (i + 1), "Type", states[i], Instant.EPOCH, null));
		}
		return new LauncherSnapshot("in-process", ServiceState.RUNNING, 1, Duration.ofSeconds(30), RestartMethod.RELOAD,
				services, List.of());
	}

	private static LauncherSnapshot workers(WorkerSnapshot... workers) {
		return new LauncherSnapshot("multi-process", ServiceState.RUNNING, 1, Duration.ofSeconds(30),
				RestartMethod.RELOAD, List.of(), List.of(workers));
	}

	private static WorkerSnapshot worker(int id, WorkerState state, int generation, int restarts) {
		return new WorkerSnapshot(id, 1000 + id, state, generation, restarts, Instant.EPOCH, null,
				(state == WorkerState.EXITED) ? 0 : null, false);
	}

}
