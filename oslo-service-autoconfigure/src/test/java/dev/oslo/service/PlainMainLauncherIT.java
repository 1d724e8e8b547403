package dev.oslo.service;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Predicate;
import java.util.regex.Pattern;

import dev.oslo.service.process.WorkerMain;
import dev.oslo.service.test.systemd.NotifyListener;
import dev.oslo.service.test.process.ChildJvm;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link Launchers#launch} from a plain {@code main} without Spring Boot, as a real
 * process receiving real signals.
 */
class PlainMainLauncherIT {

	private static final Pattern READY = Pattern.compile("worker \\d \\(pid (\\d+)\\) is ready \\(\\d+ ms after spawn");

	private static final Pattern STANDING_BY = Pattern.compile("standby \\(pid (\\d+)\\) is standing by");

	@Test
	void sigtermStopsTheServiceAndExitsZero() throws Exception {
		Outcome outcome = runAndSignal("30", "drain", "TERM");
		assertThat(outcome.status()).isZero();
		assertThat(outcome.output()).contains("fixture stopping", "fixture stopped", "exiting with status 0");
	}

	@Test
	void sigtermWithAHangingStopExitsOneAtTheDeadline() throws Exception {
		Outcome outcome = runAndSignal("1", "hang", "TERM");
		assertThat(outcome.status()).isOne();
		assertThat(outcome.output()).contains("Graceful shutdown timeout of 1s exceeded")
			.contains("is still stopping")
			.contains("PlainMainFixture$1.awaitTermination(")
			.doesNotContain("fixture stopped");
	}

	@Test
	void aJvmThatRecordsAClassDataArchiveEndsBeforeTheServiceStarts() throws Exception {
		try (ChildJvm fixture = ChildJvm.start(
				ChildJvm.javaMain(List.of("-Dspring.context.exit=onRefresh"), PlainMainFixture.class, "30", "drain"),
				Map.of())) {
			assertThat(fixture.awaitExit(Duration.ofSeconds(60))).isZero();
			assertThat(fixture.output()).doesNotContain("fixture started");
		}
	}

	@Test
	void sigintExitsAtOnceWithStatusOne() throws Exception {
		Outcome outcome = runAndSignal("30", "hang", "INT");
		assertThat(outcome.status()).isOne();
		assertThat(outcome.output()).doesNotContain("fixture stopping");
	}

	@Test
	void underNohupSighupStaysIgnoredWithAWarningAndSigtermStillStopsTheService() throws Exception {
		List<String> command = new ArrayList<>(List.of("nohup"));
		command.addAll(ChildJvm.javaMain(PlainMainFixture.class, "30", "drain"));
		try (ChildJvm fixture = ChildJvm.start(command, Map.of())) {
			fixture.awaitOutput(Duration.ofSeconds(60), (output) -> output.contains("fixture started"));
			assertThat(fixture.output()).contains("SIGHUP was ignored when the JVM started (nohup, or a background job "
					+ "of a non-interactive shell) and cannot be handled; it stays ignored");
			fixture.signal("HUP");
			fixture.signal("TERM");
			assertThat(fixture.awaitExit(Duration.ofSeconds(30))).isZero();
			assertThat(fixture.output()).contains("fixture stopped", "exiting with status 0");
		}
	}

	@Test
	void underSystemdItIsReadyOnceTheServiceStartedAndSaysWhenItStops(@TempDir Path directory) throws Exception {
		try (NotifyListener listener = NotifyListener.bind(directory.resolve("notify"))) {
			List<String> received = new CopyOnWriteArrayList<>();
			Outcome outcome = runAndSignal(Map.of("NOTIFY_SOCKET", listener.notifySocket()), (output) -> {
				received.addAll(listener.drain());
				return !received.isEmpty();
			}, "30", "drain", "TERM");
			received.add(listener.next(Duration.ofSeconds(10)));

			assertThat(outcome.status()).isZero();
			assertThat(received).hasSize(2);
			assertThat(received.get(0)).isEqualTo("READY=1\nSTATUS=1 service running");
			assertThat(received.get(1)).startsWith("STOPPING=1\nEXTEND_TIMEOUT_USEC=")
				.endsWith("\nSTATUS=stopping: waiting for service (30 s left)");
		}
	}

	@Test
	void withTwoWorkersTheMainBecomesTheirMasterAHangupResetsEachAndSigtermStopsThemAllAndItsStandby()
			throws Exception {
		try (ChildJvm master = ChildJvm.start(ChildJvm.javaMain(WorkerMain.class), Map.of())) {
			master.awaitOutput(Duration.ofSeconds(90),
					(output) -> output.contains("2 worker(s) ready") && STANDING_BY.matcher(output).find());
			List<Long> workers = readyPids(master.output());
			long standby = standbyPids(master.output()).get(0);
			assertThat(workers).hasSize(2);
			assertThat(pids(master.children())).containsExactlyInAnyOrder(workers.get(0), workers.get(1), standby);
			master.signal("HUP");
			master.awaitOutput(Duration.ofSeconds(30),
					(output) -> workers.stream().allMatch((worker) -> output.contains("echo reset in " + worker)));
			master.signal("TERM");
			assertThat(master.awaitExit(Duration.ofSeconds(30))).isZero();
			assertThat(master.children()).isEmpty();
			assertThat(master.output())
				.contains("echo stopping in " + workers.get(0), "echo stopping in " + workers.get(1),
						"Standby dismissed; exiting")
				.doesNotContain("echo started in " + standby, "echo reset in " + standby);
		}
	}

	@Test
	void withTwoWorkersAMainThatReturnsWithoutAwaitingLeavesTheMasterPromotingItsStandbyUntilSigterm()
			throws Exception {
		try (ChildJvm master = ChildJvm.start(ChildJvm.javaMain(WorkerMain.class, "return-from-main"), Map.of())) {
			master.awaitOutput(Duration.ofSeconds(90),
					(output) -> output.contains("echo main returned in " + master.pid())
							&& STANDING_BY.matcher(output).find());
			List<Long> workers = readyPids(master.output());
			long standby = standbyPids(master.output()).get(0);

			ProcessHandle.of(workers.get(0)).orElseThrow().destroyForcibly();
			master.awaitOutput(Duration.ofSeconds(90),
					(output) -> output.contains("echo started in " + standby) && standbyPids(output).size() == 2);
			assertThat(master.output()).contains("promoted standby (pid " + standby + ") to its slot");
			long next = standbyPids(master.output()).get(1);
			assertThat(pids(master.children())).containsExactlyInAnyOrder(standby, workers.get(1), next);

			master.signal("TERM");
			assertThat(master.awaitExit(Duration.ofSeconds(30))).isZero();
			assertThat(master.children()).isEmpty();
			assertThat(master.output()).contains("echo stopping in " + standby, "echo stopping in " + workers.get(1));
		}
	}

	/**
	 * The workers that reported READY, by the master's log, in order.
	 */
	private static List<Long> readyPids(String output) {
		return READY.matcher(output).results().map((ready) -> Long.valueOf(ready.group(1))).toList();
	}

	/**
	 * The standbys that have booted, by the master's log, in order.
	 */
	private static List<Long> standbyPids(String output) {
		return STANDING_BY.matcher(output).results().map((standby) -> Long.valueOf(standby.group(1))).toList();
	}

	private static List<Long> pids(List<ProcessHandle> processes) {
		return processes.stream().map(ProcessHandle::pid).toList();
	}

	private static Outcome runAndSignal(String timeoutSeconds, String stopBehaviour, String signal)
			throws IOException, InterruptedException {
		return runAndSignal(Map.of(), (output) -> output.contains("fixture started"), timeoutSeconds, stopBehaviour,
				signal);
	}

	/**
	 * Run the fixture, signal it once {@code started} holds, and wait for it to exit.
	 * @param started given the process's output so far; may wait for something else
	 */
	private static Outcome runAndSignal(Map<String, String> environment, Predicate<String> started,
			String timeoutSeconds, String stopBehaviour, String signal) throws IOException, InterruptedException {
		try (ChildJvm fixture = ChildJvm.start(ChildJvm.javaMain(PlainMainFixture.class, timeoutSeconds, stopBehaviour),
				environment)) {
			fixture.awaitOutput(Duration.ofSeconds(60), started);
			fixture.signal(signal);
			return new Outcome(fixture.awaitExit(Duration.ofSeconds(30)), fixture.output());
		}
	}

	private record Outcome(int status, String output) {
	}

}
