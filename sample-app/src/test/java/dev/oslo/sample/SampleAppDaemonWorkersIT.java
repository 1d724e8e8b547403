package dev.oslo.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Runs the sample app's jar without a web server, as a queue consumer runs, as the master
 * of two worker JVMs and drives it with real signals, as an operator would. Nothing
 * answers HTTP: what happens shows in the process tree and in the log.
 */
class SampleAppDaemonWorkersIT {

	private static final Duration EXIT = Duration.ofSeconds(30);

	private static final Duration RESPAWN = Duration.ofSeconds(90);

	private static final Duration ORPHANS_GONE = Duration.ofSeconds(10);

	private static final String DRAIN_AT_ONCE = "sample.work-queue.drain-time: 0ms\n";

	private static final String CONFIG = DRAIN_AT_ONCE + "sample.heartbeat.interval: 1s\n";

	private static final Pattern READY = Pattern.compile("worker (\\d+) \\(pid (\\d+)\\) is ready");

	private static final Pattern SPAWNED = Pattern.compile("Spawned (?:worker \\d+|standby) \\(pid (\\d+)\\)");

	private static final Pattern SPAWNED_STANDBY = Pattern.compile("Spawned standby \\(pid (\\d+)\\)");

	private static final Pattern STANDING_BY = Pattern.compile("standby \\(pid (\\d+)\\) is standing by");

	private static final Pattern HEARTBEAT = Pattern.compile(": heartbeat \\d+$");

	private static final Pattern RELOAD_ENDED = Pattern.compile("Reloaded in|Reload failed|Reload rejected");

	@TempDir
	Path directory;

	@Test
	void theMasterStaysUpWithItsWorkersPromotesItsStandbyForAKilledOneAndNoneOutlivesTheMaster() throws Exception {
		try (SampleProcess app = startWithStandby()) {
			Map<Integer, Long> workers = readyWorkers(app);
			assertThat(workers).containsOnlyKeys(1, 2);
			long standby = awaitStandby(app, 1);
			assertThat(childPids(app)).containsExactlyInAnyOrder(workers.get(1), workers.get(2), standby);
			assertThat(childPids(app)).allSatisfy((pid) -> assertThat(parentOf(pid)).contains(app.pid()));
			app.awaitOutput((output) -> workers.values()
				.stream()
				.allMatch((pid) -> heartbeatsAfterMasterStarted(output, app.pid(), pid) >= 3));
			assertThat(heartbeatsAfterMasterStarted(app.output(), app.pid(), standby)).isZero();
			assertThat(app.isAlive()).isTrue();

			long killed = workers.get(1);
			ProcessHandle.of(killed).orElseThrow().destroyForcibly();
			await().atMost(RESPAWN).until(() -> readyWorkers(app).get(1) == standby);
			assertThat(app.output()).contains("worker 1 (pid " + killed + ") exited unexpectedly with status 137 "
					+ "(killed by SIGKILL); promoted standby (pid " + standby + ") to its slot (restart 1 of slot 1)");
			app.awaitOutput((output) -> heartbeatsAfterMasterStarted(output, app.pid(), standby) >= 1);
			long next = awaitStandby(app, 2);
			assertThat(childPids(app)).containsExactlyInAnyOrder(standby, workers.get(2), next);

			List<Long> survivors = childPids(app);
			ProcessHandle.of(app.pid()).orElseThrow().destroyForcibly();
			await().atMost(ORPHANS_GONE).until(() -> survivors.stream().noneMatch(SampleAppDaemonWorkersIT::alive));
			assertThat(app.output()).contains(
					"Worker 1: the control channel to the master closed; the master has exited",
					"Worker 2: the control channel to the master closed; the master has exited");
		}
	}

	@Test
	void hangupReplacesTheWorkersOneAtATimeWithReloadAndResetsThemInPlaceWithMutateThenSigtermStopsAll()
			throws Exception {
		try (SampleProcess app = start()) {
			Map<Integer, Long> before = readyWorkers(app);
			app.signal("HUP");
			awaitReloads(app, 1);
			Map<Integer, Long> after = readyWorkers(app);
			assertThat(after.values()).hasSize(2).doesNotContainAnyElementsOf(before.values());
			await().atMost(EXIT).until(() -> childPids(app).containsAll(after.values()) && childPids(app).size() == 2);
			assertThat(before.values()).noneMatch(SampleAppDaemonWorkersIT::alive);
			List<String> master = masterLines(app);
			for (int slot = 1; slot <= 2; slot++) {
				int spawned = indexOf(master,
						"Spawned worker " + slot + " (pid " + after.get(slot) + "), generation 2");
				int ready = indexOf(master, "worker " + slot + " (pid " + after.get(slot) + ") is ready");
				int stopped = indexOf(master, "Worker " + slot + " of generation 2 is ready; stopping worker " + slot
						+ " (pid " + before.get(slot) + ")");
				assertThat(List.of(spawned, ready, stopped)).doesNotContain(-1).isSorted();
			}

			write(DRAIN_AT_ONCE + "oslo.service.restart-method: mutate\nsample.heartbeat.interval: 2s\n");
			app.signal("HUP");
			awaitReloads(app, 2);
			assertThat(childPids(app)).containsExactlyInAnyOrderElementsOf(after.values());
			assertThat(after.values()).allSatisfy((pid) -> assertThat(app.output()
				.lines()
				.filter((line) -> isFrom(line, pid) && line.contains("heartbeat reset; interval now 2s"))).hasSize(1));

			app.signal("TERM");
			assertThat(app.awaitExit(EXIT)).isZero();
			await().atMost(ORPHANS_GONE)
				.until(() -> spawnedPids(app).stream().noneMatch(SampleAppDaemonWorkersIT::alive));
			assertThat(app.output()).contains("worker 1 (pid " + after.get(1) + ") exited with status 0",
					"worker 2 (pid " + after.get(2) + ") exited with status 0");
		}
	}

	@Test
	void aSlotThatCrashLoopsMakesTheMasterGiveUpAndExitOneWithNoWorkerLeft() throws Exception {
		try (SampleProcess app = start("--oslo.service.worker.respawn-delay=200ms",
				"--oslo.service.worker.max-restarts=1", "--oslo.service.worker.restart-window=10m")) {
			Map<Integer, Long> workers = readyWorkers(app);
			write(CONFIG + "sample.work-queue.fail-on-start: true\n");
			ProcessHandle.of(workers.get(1)).orElseThrow().destroyForcibly();

			assertThat(app.awaitExit(Duration.ofMinutes(3))).isOne();
			await().atMost(ORPHANS_GONE)
				.until(() -> spawnedPids(app).stream().noneMatch(SampleAppDaemonWorkersIT::alive));
			assertThat(spawnedPids(app)).hasSizeGreaterThan(2);
			assertThat(app.output()).contains("sample.work-queue.fail-on-start is set")
				.contains("Worker 1 exited more than 1 time(s) within 600 s; its last exit was status 1; giving up")
				.contains("worker 2 (pid " + workers.get(2) + ") exited with status 0");
		}
	}

	/**
	 * The master stops a JVM that has not connected yet with SIGTERM: a standby still
	 * booting when the operator stops the master ends with status 0, and so does the
	 * master.
	 */
	@Test
	void sigtermWhileTheStandbyBootsStopsItWithStatusZeroAndTheMasterToo() throws Exception {
		try (SampleProcess app = startWithStandby()) {
			app.awaitOutput((output) -> SPAWNED_STANDBY.matcher(output).find());
			Matcher spawned = SPAWNED_STANDBY.matcher(app.output());
			assertThat(spawned.find()).isTrue();
			long standby = Long.parseLong(spawned.group(1));
			// Its environment is ready once Spring Boot logs this; it connects seconds
			// later.
			app.awaitOutput((output) -> linesOf(output, standby).stream()
				.anyMatch((line) -> line.contains("Starting SampleApplication")));
			assertThat(app.output()).doesNotContain("standby (pid " + standby + ") is standing by");
			app.signal("TERM");
			assertThat(app.awaitExit(EXIT)).as(app::output).isZero();
			assertThat(linesOf(app.output(), standby))
				.anyMatch((line) -> line.contains("SIGTERM while starting: exiting with status 0"));
			assertThat(app.output()).contains("standby (pid " + standby + ") exited with status 0");
			await().atMost(ORPHANS_GONE)
				.until(() -> spawnedPids(app).stream().noneMatch(SampleAppDaemonWorkersIT::alive));
		}
	}

	@Test
	void sigintEndsTheMasterAndEveryWorkerAtOnce() throws Exception {
		try (SampleProcess app = start("--sample.work-queue.drain-time=1h")) {
			List<Long> workers = childPids(app);
			assertThat(workers).hasSize(2);
			app.signal("INT");
			assertThat(app.awaitExit(EXIT)).isOne();
			await().atMost(ORPHANS_GONE).until(() -> workers.stream().noneMatch(SampleAppDaemonWorkersIT::alive));
			assertThat(app.output()).contains("SIGINT: exiting immediately with status 1")
				.doesNotContain("work-queue draining");
		}
	}

	/**
	 * Start the master without a standby: the tests of respawns and rolls that boot new
	 * JVMs.
	 */
	private SampleProcess start(String... args) throws IOException {
		List<String> all = new ArrayList<>(List.of("--oslo.service.worker.standby=0"));
		all.addAll(List.of(args));
		return startWithStandby(all.toArray(String[]::new));
	}

	/**
	 * Start the master with the default standby.
	 */
	private SampleProcess startWithStandby(String... args) throws IOException {
		write(CONFIG);
		List<String> all = new ArrayList<>(
				List.of("--oslo.service.workers=2", "--spring.config.additional-location=file:" + config()));
		all.addAll(List.of(args));
		return SampleProcess.startWithoutWebServer(all.toArray(String[]::new)).awaitStarted();
	}

	/**
	 * Wait until the {@code n}th standby is standing by, from the master's log.
	 * @return its pid
	 */
	private static long awaitStandby(SampleProcess app, int n) {
		app.awaitOutput((output) -> STANDING_BY.matcher(output).results().count() >= n);
		return Long
			.parseLong(STANDING_BY.matcher(app.output()).results().skip(n - 1).findFirst().orElseThrow().group(1));
	}

	private Path config() {
		return this.directory.resolve("sample.yml");
	}

	private void write(String yaml) throws IOException {
		Files.writeString(config(), yaml);
	}

	/**
	 * Wait until the master has ended {@code count} reloads, and check that each
	 * succeeded.
	 */
	private static void awaitReloads(SampleProcess app, int count) {
		app.awaitOutput((output) -> linesOf(output, app.pid()).stream()
			.filter((line) -> RELOAD_ENDED.matcher(line).find())
			.count() == count);
		assertThat(masterLines(app)).filteredOn((line) -> line.contains("Reloaded in")).hasSize(count);
	}

	/**
	 * The pid of each slot's worker that the master last saw ready, by slot.
	 */
	private static Map<Integer, Long> readyWorkers(SampleProcess app) {
		Map<Integer, Long> workers = new TreeMap<>();
		for (String line : masterLines(app)) {
			Matcher ready = READY.matcher(line);
			if (ready.find()) {
				workers.put(Integer.valueOf(ready.group(1)), Long.valueOf(ready.group(2)));
			}
		}
		return workers;
	}

	/**
	 * Every worker the master has spawned, running or not.
	 */
	private static List<Long> spawnedPids(SampleProcess app) {
		return masterLines(app).stream()
			.map(SPAWNED::matcher)
			.filter(Matcher::find)
			.map((spawned) -> Long.valueOf(spawned.group(1)))
			.toList();
	}

	private static long heartbeatsAfterMasterStarted(String output, long master, long worker) {
		return output.lines()
			.dropWhile((line) -> !(isFrom(line, master) && line.contains("Started SampleApplication")))
			.filter((line) -> isFrom(line, worker) && HEARTBEAT.matcher(line).find())
			.count();
	}

	private static List<String> masterLines(SampleProcess app) {
		return linesOf(app.output(), app.pid());
	}

	private static List<String> linesOf(String output, long pid) {
		return output.lines().filter((line) -> isFrom(line, pid)).toList();
	}

	private static boolean isFrom(String line, long pid) {
		return line.contains(" " + pid + " --- ");
	}

	private static int indexOf(List<String> lines, String text) {
		for (int i = 0; i < lines.size(); i++) {
			if (lines.get(i).contains(text)) {
				return i;
			}
		}
		return -1;
	}

	private static List<Long> childPids(SampleProcess app) {
		return app.children().stream().map(ProcessHandle::pid).toList();
	}

	private static Optional<Long> parentOf(long pid) {
		return ProcessHandle.of(pid).flatMap(ProcessHandle::parent).map(ProcessHandle::pid);
	}

	private static boolean alive(long pid) {
		return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
	}

}
