package dev.oslo.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.oslo.service.test.process.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the sample app's jar as the master of two worker JVMs and drives it with real
 * signals, as an operator would: supervision, shutdown and reload across processes.
 */
class SampleAppWorkersIT {

	private static final Duration EXIT = Duration.ofSeconds(30);

	private static final Duration RESPAWN = Duration.ofSeconds(90);

	/** These tests are of respawns; SampleAppStandbyIT has the standbys'. */
	private static final String WITHOUT_STANDBY = "--oslo.service.worker.standby=0";

	/**
	 * The first line that kills the workers still stopping at the deadline: the
	 * supervisor's, or the master's own deadline's.
	 */
	private static final Pattern KILL_AT_THE_DEADLINE = Pattern
		.compile("Killing worker \\d \\(pid \\d+\\)|Graceful shutdown timeout of 4s exceeded");

	@TempDir
	Path directory;

	@Test
	void workersAreChildrenOfTheMasterAKilledOrHungOneIsReplacedAndNoneOutlivesTheMaster() throws Exception {
		try (SampleProcess app = start("--oslo.service.worker.heartbeat-timeout=3s")) {
			DocumentContext launcher = app.launcher();
			assertThat(launcher.read("$.mode", String.class)).isEqualTo("multi-process");
			assertThat(launcher.read("$.services", List.class)).isEmpty();
			assertThat(launcher.read("$.workers[*].id", List.class)).containsExactly(1, 2);
			List<Long> pids = workerPids(app);
			assertThat(pids).allSatisfy(
					(pid) -> assertThat(ProcessHandle.of(pid).flatMap(ProcessHandle::parent).map(ProcessHandle::pid))
						.contains(app.pid()));
			assertThat(JsonPath.parse(app.get("/actuator/health")).read("$.components.launcher.status", String.class))
				.isEqualTo("UP");

			ProcessHandle.of(pids.get(0)).orElseThrow().destroyForcibly();
			await().atMost(RESPAWN).until(() -> app.readyWorkersReplaced(2, List.of(pids.get(0))));
			assertThat(app.launcher().read("$.workers[0].restarts", Integer.class)).isOne();
			assertThat(app.output()).contains("worker 1 (pid " + pids.get(0) + ") exited unexpectedly with status 137 "
					+ "(killed by SIGKILL); respawning it in 100 ms");

			ChildJvm.kill("STOP", pids.get(1));
			await().atMost(RESPAWN).until(() -> app.readyWorkersReplaced(2, pids));
			assertThat(app.launcher().read("$.workers[*].restarts", List.class)).containsExactly(1, 1);
			String hung = "worker 2 (pid " + pids.get(1) + ")";
			assertThat(app.output()).containsSubsequence(hung + " sent no heartbeat for ",
					hung + " is stopped (SIGSTOP, or a native debugger): it cannot give its thread stacks",
					"Killing " + hung + ": it sent no heartbeat for ",
					hung + " exited unexpectedly with status 137 (killed by SIGKILL); respawning it in 100 ms");

			List<Long> survivors = app.readyWorkerPids();
			ProcessHandle.of(app.pid()).orElseThrow().destroyForcibly();
			await().atMost(Duration.ofSeconds(10)).until(() -> survivors.stream().noneMatch(SampleAppWorkersIT::alive));
			assertThat(app.output()).contains("the control channel to the master closed; the master has exited");
		}
	}

	@Test
	void aWorkerThatNeverStartsMakesTheMasterGiveUpAfterGrowingBackOff() throws Exception {
		try (SampleProcess app = SampleProcess.start("--oslo.service.workers=2", WITHOUT_STANDBY,
				"--sample.work-queue.fail-on-start=true", "--oslo.service.worker.respawn-delay=200ms",
				"--oslo.service.worker.max-restarts=2", "--oslo.service.worker.restart-window=10m")) {
			assertThat(app.awaitExit(Duration.ofMinutes(3))).isOne();
			String output = app.output();
			assertThat(output)
				.containsPattern("Worker [12] exited more than 2 time\\(s\\) within 600 s; its last exit "
						+ "was status 1; giving up")
				.contains("respawning it in 200 ms (restart 1 of slot")
				.contains("respawning it in 400 ms (restart 2 of slot");
			assertThat(output.lines().filter((line) -> line.contains("Spawned worker")).count()).isBetween(3L, 6L);
			assertThat(output).doesNotContain("respawning it in 800 ms");
		}
	}

	@Test
	void aSlotThatCrashLoopsAfterStartUpMakesTheMasterStopEveryWorkerAndExitNonZero() throws Exception {
		try (SampleProcess app = start("--oslo.service.worker.respawn-delay=200ms",
				"--oslo.service.worker.max-restarts=1", "--oslo.service.worker.restart-window=10m")) {
			List<Long> ready = app.readyWorkerPids();
			assertThat(ready).hasSize(2);
			write("sample.heartbeat.interval: 5s\nsample.work-queue.drain-time: 0ms\nsample.work-queue.fail-on-start: true\n");
			ProcessHandle.of(ready.get(0)).orElseThrow().destroyForcibly();

			assertThat(app.awaitExit(Duration.ofMinutes(3))).isOne();
			await().atMost(Duration.ofSeconds(5)).until(() -> ready.stream().noneMatch(SampleAppWorkersIT::alive));
			assertThat(app.output())
				.contains(
						"worker 1 (pid " + ready.get(0) + ") exited unexpectedly with status 137 (killed by SIGKILL); "
								+ "respawning it in 200 ms (restart 1 of slot 1)")
				.contains("sample.work-queue.fail-on-start is set")
				.contains("Worker 1 exited more than 1 time(s) within 600 s; its last exit was status 1; giving up")
				.contains("worker 2 (pid " + ready.get(1) + ") exited with status 0");
		}
	}

	@Test
	void hangupResetsWorkersInPlaceWithMutateAndReplacesThemOneByOneWithReloadThenSigtermStopsAll() throws Exception {
		try (SampleProcess app = startWith("oslo.service.restart-method: mutate\n")) {
			List<Long> before = workerPids(app);
			write("oslo.service.restart-method: mutate\nsample.heartbeat.interval: 3s\n");
			app.signal("HUP");
			await().atMost(RESPAWN).until(() -> app.launcher().read("$.reloads.count", Integer.class) == 1);
			assertThat(app.launcher().read("$.reloads.last.outcome", String.class)).isEqualTo("success");
			assertThat(workerPids(app)).isEqualTo(before);
			assertThat(before).allSatisfy((pid) -> assertThat(app.output()
				.lines()
				.filter((line) -> line.contains(" " + pid + " --- ")
						&& line.contains("heartbeat reset; interval now 3s")))
				.hasSize(1));

			write("oslo.service.restart-method: reload\nsample.heartbeat.interval: 4s\n");
			AtomicInteger fewestReady = new AtomicInteger(Integer.MAX_VALUE);
			app.signal("HUP");
			await().atMost(RESPAWN).until(() -> {
				DocumentContext launcher = app.launcher();
				fewestReady.accumulateAndGet(readyCount(launcher), Math::min);
				return launcher.read("$.reloads.count", Integer.class) == 2;
			});
			assertThat(app.launcher().read("$.reloads.last.outcome", String.class)).isEqualTo("success");
			assertThat(fewestReady.get()).isGreaterThanOrEqualTo(2);
			List<Long> after = app.readyWorkerPids();
			assertThat(after).hasSize(2).doesNotContainAnyElementsOf(before);
			assertThat(app.launcher().read("$.workers[?(@.state == 'READY')].generation", List.class)).containsOnly(2);
			await().atMost(EXIT).until(() -> before.stream().noneMatch(SampleAppWorkersIT::alive));
			assertThat(app.output())
				.contains("Worker 1 of generation 2 is ready; stopping worker 1 (pid " + before.get(0));

			app.signal("TERM");
			assertThat(app.awaitExit(EXIT)).isZero();
			await().atMost(Duration.ofSeconds(5)).until(() -> after.stream().noneMatch(SampleAppWorkersIT::alive));
			assertThat(app.output()).contains("worker 1 (pid " + after.get(0) + ") exited with status 0")
				.contains("worker 2 (pid " + after.get(1) + ") exited with status 0");
		}
	}

	@Test
	void aWorkerWhoseServiceFailsToResetIsReplacedByAFreshOne() throws Exception {
		try (SampleProcess app = startWith("oslo.service.restart-method: mutate\n")) {
			List<Long> before = workerPids(app);
			write("oslo.service.restart-method: mutate\nsample.work-queue.fail-on-reset: true\n");
			app.signal("HUP");
			await().atMost(RESPAWN).until(() -> app.launcher().read("$.reloads.count", Integer.class) == 1);
			assertThat(app.launcher().read("$.reloads.last.outcome", String.class)).isEqualTo("failure");
			await().atMost(RESPAWN).until(() -> app.readyWorkersReplaced(2, before));
			assertThat(app.launcher().read("$.workers[?(@.state == 'READY')].restarts", List.class)).containsOnly(1);
			assertThat(app.output()).contains("failed in the reload; exiting so that the master starts a fresh worker")
				.contains("worker 1 (pid " + before.get(0) + ") exited unexpectedly with status 1");
			assertThat(JsonPath.parse(app.get("/actuator/health")).read("$.components.launcher.status", String.class))
				.isEqualTo("UP");
		}
	}

	@Test
	void sigtermWithAHangingStopLogsTheWorkersStacksThenEndsEveryProcessAtTheDeadlineWithStatusOne() throws Exception {
		try (SampleProcess app = start("--sample.work-queue.drain-time=1h",
				"--oslo.service.graceful-shutdown-timeout=4s")) {
			List<Long> pids = workerPids(app);
			long signalled = System.nanoTime();
			app.signal("TERM");
			assertThat(app.awaitExit(EXIT)).isOne();
			assertThat(Duration.ofNanos(System.nanoTime() - signalled)).isGreaterThanOrEqualTo(Duration.ofSeconds(4));
			await().atMost(Duration.ofSeconds(5)).until(() -> pids.stream().noneMatch(SampleAppWorkersIT::alive));
			String output = app.output();
			Matcher kill = KILL_AT_THE_DEADLINE.matcher(output);
			assertThat(kill.find()).isTrue();
			String beforeKill = output.substring(0, kill.start());
			assertThat(pids).allSatisfy((pid) -> assertThat(beforeKill).contains("(pid " + pid
					+ ") is still stopping 3s after it was asked to, 1s before its deadline; asking for its thread stacks"));
			String stopFrame = "\tat dev.oslo.sample.WorkQueueService.stop(";
			assertThat(beforeKill.lines().filter((line) -> line.startsWith(stopFrame))).hasSizeGreaterThanOrEqualTo(2);
		}
	}

	@Test
	void sigintEndsTheMasterAndEveryWorkerAtOnce() throws Exception {
		try (SampleProcess app = start("--sample.work-queue.drain-time=1h")) {
			List<Long> pids = workerPids(app);
			app.signal("INT");
			assertThat(app.awaitExit(EXIT)).isOne();
			await().atMost(Duration.ofSeconds(5)).until(() -> pids.stream().noneMatch(SampleAppWorkersIT::alive));
			assertThat(app.output()).contains("SIGINT: exiting immediately with status 1")
				.doesNotContain("work-queue draining");
		}
	}

	private SampleProcess start(String... args) throws IOException {
		return startWith("", args);
	}

	private SampleProcess startWith(String yaml, String... args) throws IOException {
		write("sample.heartbeat.interval: 5s\nsample.work-queue.drain-time: 0ms\n" + yaml);
		List<String> all = new ArrayList<>(List.of("--oslo.service.workers=2", WITHOUT_STANDBY,
				"--spring.config.additional-location=file:" + config()));
		all.addAll(List.of(args));
		return SampleProcess.start(all.toArray(String[]::new)).awaitStarted();
	}

	private Path config() {
		return this.directory.resolve("sample.yml");
	}

	private void write(String yaml) throws IOException {
		Files.writeString(config(), yaml);
	}

	private static List<Long> workerPids(SampleProcess app) throws IOException, InterruptedException {
		List<Number> pids = app.launcher().read("$.workers[?(@.state != 'EXITED')].pid", List.class);
		return pids.stream().map(Number::longValue).toList();
	}

	private static int readyCount(DocumentContext launcher) {
		return launcher.read("$.workers[?(@.state == 'READY')]", List.class).size();
	}

	private static boolean alive(long pid) {
		Optional<ProcessHandle> process = ProcessHandle.of(pid);
		return process.isPresent() && process.get().isAlive();
	}

}
