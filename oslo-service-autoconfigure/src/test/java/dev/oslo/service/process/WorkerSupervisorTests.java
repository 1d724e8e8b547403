package dev.oslo.service.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.function.Supplier;

import dev.oslo.service.process.WorkerMain.EchoService;
import dev.oslo.service.test.process.ChildJvm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.tuple;
import static org.awaitility.Awaitility.await;

/**
 * The supervisor against real worker processes: small Java programs and shell commands.
 */
@ExtendWith(OutputCaptureExtension.class)
class WorkerSupervisorTests {

	private static final Duration WAIT = Duration.ofSeconds(60);

	@TempDir
	Path directory;

	private WorkerSupervisor supervisor;

	@AfterEach
	void closeSupervisor() {
		if (this.supervisor != null) {
			this.supervisor.close();
		}
	}

	@Test
	void startWaitsUntilEveryWorkerIsReadyAndStopEndsThemWithStatusZero() throws Exception {
		this.supervisor = supervisor(TestWorkers.java(log()), () -> TestWorkers.FAST);
		this.supervisor.start(2);
		List<WorkerSnapshot> workers = this.supervisor.snapshot();
		assertThat(workers).extracting(WorkerSnapshot::id).containsExactly(1, 2);
		assertThat(workers).extracting(WorkerSnapshot::state).containsOnly(WorkerState.READY);
		assertThat(workers).allSatisfy((worker) -> assertThat(
				ProcessHandle.of(worker.pid()).flatMap(ProcessHandle::parent).map(ProcessHandle::pid))
			.contains(ProcessHandle.current().pid()));

		assertThat(this.supervisor.stop(WAIT)).isEmpty();
		assertThat(this.supervisor.snapshot()).extracting(WorkerSnapshot::exitStatus).containsOnly(0);
		assertThat(output()).contains("echo stopping in " + workers.get(0).pid(),
				"echo stopping in " + workers.get(1).pid());
	}

	@Test
	void answersAWatchdogWhileSupervisingButNotWhenWedgedOrClosed() throws Exception {
		this.supervisor = supervisor(TestWorkers.java(log()), () -> TestWorkers.FAST);
		this.supervisor.start(1);
		assertThat(this.supervisor.isResponsive(WAIT)).isTrue();
		synchronized (this.supervisor) {
			assertThat(this.supervisor.isResponsive(Duration.ofMillis(300))).isFalse();
		}
		this.supervisor.close();
		assertThat(this.supervisor.isResponsive(Duration.ofMillis(300))).isFalse();
	}

	@Test
	void aWorkerThatDiesIsRespawnedInItsSlot() throws Exception {
		this.supervisor = supervisor(TestWorkers.java(log()), () -> TestWorkers.FAST);
		this.supervisor.start(2);
		long killed = this.supervisor.snapshot().get(0).pid();
		ProcessHandle.of(killed).orElseThrow().destroyForcibly();
		await().atMost(WAIT).until(() -> {
			WorkerSnapshot slot = this.supervisor.snapshot().get(0);
			return slot.pid() != killed && slot.state() == WorkerState.READY;
		});
		assertThat(this.supervisor.snapshot()).extracting(WorkerSnapshot::restarts).containsExactly(1, 0);
		assertThat(this.supervisor.failure()).isNull();
	}

	@Test
	void aSlotThatKeepsFailingMakesStartGiveUpNamingItAndItsLastStatus() throws Exception {
		Path spawns = this.directory.resolve("spawns");
		this.supervisor = supervisor(TestWorkers.shell(log(), "echo spawned >> '" + spawns + "'; exit 3"),
				() -> TestWorkers.FAST);
		assertThatExceptionOfType(WorkerSupervisionException.class).isThrownBy(() -> this.supervisor.start(1))
			.withMessageContaining("Worker 1 exited more than 5 time(s) within 60 s; its last exit was status 3");
		assertThat(Files.readAllLines(spawns)).hasSize(6);
	}

	@Test
	void aWorkerThatNeverReportsReadyIsKilledAtTheBootTimeoutAndCountsAsAFailure() throws Exception {
		SupervisionSettings settings = new SupervisionSettings(Duration.ofMillis(300), Duration.ofMillis(10),
				Duration.ofMillis(10), Duration.ofSeconds(60), 1, Duration.ofSeconds(60), Duration.ofSeconds(30), 0);
		this.supervisor = supervisor(TestWorkers.shell(log(), "sleep 60"), () -> settings);
		assertThatExceptionOfType(WorkerSupervisionException.class).isThrownBy(() -> this.supervisor.start(1))
			.withMessageContaining("its last exit was status 137 (killed by SIGKILL)");
	}

	@Test
	void rollReplacesEveryWorkerWithOneOfTheNextGenerationBeforeStoppingIt() throws Exception {
		this.supervisor = supervisor(TestWorkers.java(log()), () -> TestWorkers.FAST);
		this.supervisor.start(2);
		List<Long> before = pids();
		this.supervisor.roll(WAIT);
		await().atMost(WAIT).until(() -> this.supervisor.snapshot().size() == 2);
		List<WorkerSnapshot> after = this.supervisor.snapshot();
		assertThat(after).extracting(WorkerSnapshot::generation).containsOnly(2);
		assertThat(after).extracting(WorkerSnapshot::state).containsOnly(WorkerState.READY);
		assertThat(pids()).doesNotContainAnyElementsOf(before);
		assertThat(before).noneMatch((pid) -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false));
	}

	@Test
	void aRollWhoseNewWorkerCannotStartStopsAndLeavesTheOldWorkersRunning() throws Exception {
		Path marker = this.directory.resolve("broken");
		this.supervisor = supervisor(TestWorkers.javaUntil(marker, log()), () -> TestWorkers.FAST);
		this.supervisor.start(2);
		List<Long> before = pids();
		Files.createFile(marker);
		assertThatExceptionOfType(WorkerSupervisionException.class).isThrownBy(() -> this.supervisor.roll(WAIT))
			.withMessageContaining("of generation 2 did not become READY");
		assertThat(pids()).isEqualTo(before);
		assertThat(this.supervisor.snapshot()).extracting(WorkerSnapshot::state).containsOnly(WorkerState.READY);
	}

	@Test
	void reloadInPlaceResetsEveryWorkerAndKeepsItsProcess() throws Exception {
		this.supervisor = supervisor(TestWorkers.java(log()), () -> TestWorkers.FAST);
		this.supervisor.start(2);
		List<Long> pids = pids();
		assertThat(this.supervisor.reloadInPlace(WAIT)).isEmpty();
		assertThat(pids()).isEqualTo(pids);
		assertThat(output()).contains("echo reset in " + pids.get(0), "echo reset in " + pids.get(1));
	}

	@Test
	void stopKillsTheWorkersStillStoppingWhenTheTimeoutPassesAfterLoggingTheirThreadStacks(CapturedOutput output)
			throws Exception {
		this.supervisor = supervisor(TestWorkers.java(log(), "hang-on-stop"), () -> TestWorkers.FAST);
		this.supervisor.start(1);
		long pid = pids().get(0);
		long asked = System.nanoTime();
		assertThat(this.supervisor.stop(Duration.ofSeconds(4))).containsExactly("worker 1 (pid " + pid + ")");
		assertThat(Duration.ofNanos(System.nanoTime() - asked)).isGreaterThanOrEqualTo(Duration.ofSeconds(4));
		await().atMost(WAIT).until(() -> !alive(pid));
		assertThat(this.supervisor.snapshot().get(0).exitStatus()).isEqualTo(137);
		assertThat(output.toString()).containsSubsequence(
				"worker 1 (pid " + pid + ") is still stopping 3s after it was asked to, 1s before its deadline; "
						+ "asking for its thread stacks",
				"Thread stacks of worker 1 (pid " + pid + "):", "\tat " + EchoService.class.getName() + ".stop(",
				"Killing worker 1 (pid " + pid + "): it is still stopping 4s after it was asked to");
	}

	@Test
	void aWorkerThatDoesNotBootInTimeGetsSigquitSoItsJvmPrintsItsThreadsThenIsKilled(CapturedOutput output)
			throws Exception {
		SupervisionSettings settings = new SupervisionSettings(Duration.ofSeconds(3), Duration.ofMillis(10),
				Duration.ofMillis(10), Duration.ofSeconds(60), 0, Duration.ofSeconds(60), Duration.ofSeconds(30), 0);
		this.supervisor = supervisor(TestWorkers.java(log(), "hang-on-start"), () -> settings);
		assertThatExceptionOfType(WorkerSupervisionException.class).isThrownBy(() -> this.supervisor.start(1))
			.withMessageContaining("its last exit was status 137 (killed by SIGKILL)");
		assertThat(output.toString()).containsSubsequence(
				"did not report READY within 3s; asking for its thread stacks",
				"it has no control channel (a worker connects once booted); sent SIGQUIT",
				": it did not report READY within 3s");
		assertThat(output()).containsSubsequence("Full thread dump", "\tat " + EchoService.class.getName() + ".start(");
	}

	@Test
	void aSlotWhoseBootMissedItsDeadlineGivesTheNextBootTwiceAsLong(CapturedOutput output) throws Exception {
		SupervisionSettings settings = new SupervisionSettings(Duration.ofSeconds(2), Duration.ofMillis(10),
				Duration.ofMillis(10), Duration.ofSeconds(60), 1, Duration.ofSeconds(60), Duration.ofSeconds(30), 0);
		this.supervisor = supervisor(TestWorkers.java(log(), "hang-on-start"), () -> settings);
		assertThatExceptionOfType(WorkerSupervisionException.class).isThrownBy(() -> this.supervisor.start(1))
			.withMessageContaining("Worker 1 exited more than 1 time(s)");
		assertThat(output.toString()).containsSubsequence("Killing worker 1 (pid ",
				"): it did not report READY within 2s",
				") has 4s to report READY: the last boot in slot 1 missed its deadline", "Killing worker 1 (pid ",
				"): it did not report READY within 4s");
	}

	@Test
	void aReadyWorkerThatStopsSendingHeartbeatsIsKilledAndRespawned(CapturedOutput output) throws Exception {
		SupervisionSettings fast = TestWorkers.FAST;
		SupervisionSettings settings = new SupervisionSettings(fast.bootTimeout(), fast.respawnDelay(),
				fast.maxRespawnDelay(), fast.respawnResetAfter(), fast.maxRestarts(), fast.restartWindow(),
				Duration.ofSeconds(2), 0);
		this.supervisor = supervisor(TestWorkers.java(log()), () -> settings);
		this.supervisor.start(1);
		long pid = pids().get(0);
		ChildJvm.kill("STOP", pid);
		await().atMost(WAIT).until(() -> {
			WorkerSnapshot slot = this.supervisor.snapshot().get(0);
			return slot.pid() != pid && slot.state() == WorkerState.READY;
		});
		assertThat(alive(pid)).isFalse();
		assertThat(this.supervisor.snapshot()).extracting(WorkerSnapshot::restarts).containsExactly(1);
		String worker = "worker 1 (pid " + pid + ")";
		assertThat(output.toString()).containsSubsequence(worker + " sent no heartbeat for ",
				worker + " is stopped (SIGSTOP, or a native debugger): it cannot give its thread stacks",
				"Killing " + worker + ": it sent no heartbeat for ",
				worker + " exited unexpectedly with status 137 (killed by SIGKILL)");
	}

	@Test
	void onceTheWorkersAreReadyAStandbyBootsAndWaitsWithoutASlot() throws Exception {
		this.supervisor = supervisor(TestWorkers.java(log()), () -> TestWorkers.FAST.withStandby(1));
		this.supervisor.start(2);
		WorkerSnapshot standby = awaitStandingBy();
		assertThat(this.supervisor.snapshot()).extracting(WorkerSnapshot::id).containsExactly(1, 2, 0);
		assertThat(output()).doesNotContain("echo started in " + standby.pid());
	}

	@Test
	void aWorkerThatDiesIsReplacedByTheStandbyWhichStartsItsServicesAndANewStandbyBoots() throws Exception {
		this.supervisor = supervisor(TestWorkers.java(log()), () -> TestWorkers.FAST.withStandby(1));
		this.supervisor.start(2);
		long standby = awaitStandingBy().pid();
		long killed = pids().get(0);
		ProcessHandle.of(killed).orElseThrow().destroyForcibly();
		await().atMost(WAIT).until(() -> {
			WorkerSnapshot slot = this.supervisor.snapshot().get(0);
			return slot.pid() == standby && slot.state() == WorkerState.READY;
		});
		assertThat(this.supervisor.snapshot().get(0).restarts()).isEqualTo(1);
		assertThat(output()).contains("echo started in " + standby);
		assertThat(awaitStandingBy().pid()).isNotIn(standby, killed);
	}

	@Test
	void aStandbyThatDiesIsReplacedAndNeverTakesASlot() throws Exception {
		this.supervisor = supervisor(TestWorkers.java(log()), () -> TestWorkers.FAST.withStandby(1));
		this.supervisor.start(1);
		long workerPid = pids().get(0);
		long first = awaitStandingBy().pid();
		ProcessHandle.of(first).orElseThrow().destroyForcibly();
		long second = await().atMost(WAIT).until(() -> awaitStandingBy().pid(), (pid) -> pid != first);
		assertThat(this.supervisor.snapshot()).extracting(WorkerSnapshot::id, WorkerSnapshot::pid)
			.containsExactly(tuple(1, workerPid), tuple(0, second));
		assertThat(this.supervisor.snapshot().get(0).restarts()).isZero();
	}

	@Test
	void rollPromotesTheStandbyToTheFirstSlotAndBootsTheOthersThenANewStandby() throws Exception {
		this.supervisor = supervisor(TestWorkers.java(log()), () -> TestWorkers.FAST.withStandby(1));
		this.supervisor.start(2);
		long standby = awaitStandingBy().pid();
		List<Long> before = pids().subList(0, 2);
		this.supervisor.roll(WAIT);
		List<WorkerSnapshot> after = this.supervisor.snapshot()
			.stream()
			.filter((worker) -> worker.state() == WorkerState.READY)
			.toList();
		assertThat(after).extracting(WorkerSnapshot::id, WorkerSnapshot::generation)
			.containsExactly(tuple(1, 2), tuple(2, 2));
		assertThat(after).extracting(WorkerSnapshot::pid).startsWith(standby).doesNotContainAnyElementsOf(before);
		assertThat(awaitStandingBy().pid()).isNotEqualTo(standby);
		await().atMost(WAIT)
			.until(() -> before.stream()
				.noneMatch((pid) -> ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)));
	}

	@Test
	void anIdleStandbyReReadsTheConfigurationWhenTheMasterReloadsSoItsPromotionKeepsIt(CapturedOutput master)
			throws Exception {
		this.supervisor = supervisor(TestWorkers.java(log()), () -> TestWorkers.FAST.withStandby(1));
		this.supervisor.start(1);
		long standby = awaitStandingBy().pid();
		assertThat(this.supervisor.reloadInPlace(WAIT)).isEmpty();
		await().atMost(WAIT)
			.until(master::getOut, (out) -> out
				.contains("standby (pid " + standby + ") re-read the configuration of the master's reload 1"));
		ProcessHandle.of(pids().get(0)).orElseThrow().destroyForcibly();
		await().atMost(WAIT).until(() -> {
			WorkerSnapshot slot = this.supervisor.snapshot().get(0);
			return slot.pid() == standby && slot.state() == WorkerState.READY;
		});
		assertThat(output()).contains("Promoted to worker 1 of generation 1; its configuration is the master's");
	}

	@Test
	void stopDismissesTheStandbysWithTheWorkers() throws Exception {
		this.supervisor = supervisor(TestWorkers.java(log()), () -> TestWorkers.FAST.withStandby(1));
		this.supervisor.start(1);
		long standby = awaitStandingBy().pid();
		assertThat(this.supervisor.stop(WAIT)).isEmpty();
		assertThat(ProcessHandle.of(standby).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
		assertThat(output()).contains("Standby dismissed; exiting").doesNotContain("echo started in " + standby);
	}

	private WorkerSnapshot awaitStandingBy() {
		return await().atMost(WAIT)
			.until(() -> this.supervisor.snapshot()
				.stream()
				.filter((worker) -> worker.state() == WorkerState.STANDBY)
				.findFirst(), Optional::isPresent)
			.orElseThrow();
	}

	private WorkerSupervisor supervisor(WorkerCommand command, Supplier<SupervisionSettings> settings)
			throws IOException {
		return new WorkerSupervisor(command, settings);
	}

	private static boolean alive(long pid) {
		return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
	}

	private List<Long> pids() {
		return this.supervisor.snapshot().stream().map(WorkerSnapshot::pid).toList();
	}

	private Path log() {
		return this.directory.resolve("workers.log");
	}

	private String output() throws IOException {
		return Files.readString(log());
	}

}
