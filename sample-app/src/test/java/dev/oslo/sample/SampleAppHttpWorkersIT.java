package dev.oslo.sample;

import java.io.IOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import com.jayway.jsonpath.DocumentContext;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Runs the sample app's jar as the master of two workers that serve its HTTP port through
 * the master's one listening socket, under a steady loop of requests, and sends it what
 * an operator sends: rolling reloads, a worker's SIGKILL, SIGTERM.
 */
class SampleAppHttpWorkersIT {

	private static final Duration ROLL = Duration.ofSeconds(120);

	private static final int CLIENTS = 4;

	/**
	 * One master for the whole story, to spare JVM start-ups: {@code server.port=0}, both
	 * workers serving the port chosen, the master serving only Actuator, a roll, a
	 * respawn, SIGTERM.
	 */
	@Test
	void everyWorkerServesTheOnePortChosenNoRequestFailsAcrossARollAKilledWorkerLosesOnlyItsOwnAndTermRefusesNewOnes()
			throws Exception {
		try (SampleProcess app = SampleProcess.start("--oslo.service.workers=2", "--server.port=0").awaitStarted()) {
			Matcher chosen = Pattern
				.compile("The workers serve http://127.0.0.1:(\\d+) on one listening socket, "
						+ "bound by the master \\(server.port=0: the port was chosen once for every worker\\)")
				.matcher(app.output());
			assertThat(chosen.find()).isTrue();
			int port = Integer.parseInt(chosen.group(1));
			assertThat(app.output()).contains("Tomcat started on port " + port);
			List<Long> workers = app.readyWorkerPids();
			assertThat(workers).hasSize(2);

			assertThat(app.launcher().read("$.mode", String.class)).isEqualTo("multi-process");
			assertThat(app.get("/actuator/health/readiness")).contains("UP");
			HttpResponse<String> notActuator = HttpClient.newHttpClient()
				.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + app.managementPort() + "/hello")).build(),
						HttpResponse.BodyHandlers.ofString());
			assertThat(notActuator.statusCode()).isEqualTo(404);

			try (RequestLoop loop = RequestLoop.start(port, CLIENTS, "20ms")) {
				await().atMost(Duration.ofSeconds(60)).until(() -> loop.answeringPids().containsAll(workers));
				assertThat(loop.answeringPids()).containsExactlyInAnyOrderElementsOf(workers);

				app.signal("HUP");
				await().atMost(ROLL).until(() -> rolledTo(app.launcher(), 2));
				int servedDuringRoll = loop.succeeded();
				assertThat(loop.failures()).isEmpty();

				long killed = app.readyWorkerPids().get(0);
				ProcessHandle.of(killed).orElseThrow().destroyForcibly();
				await().atMost(ROLL).until(() -> app.readyWorkersReplaced(2, List.of(killed)));
				int servedAfterRespawn = loop.succeeded();
				await().atMost(Duration.ofSeconds(60)).until(() -> loop.succeeded() > servedAfterRespawn + 100);
				// Only the requests in flight inside the killed JVM may fail: at most one
				// per client.
				assertThat(loop.failures()).hasSizeLessThanOrEqualTo(CLIENTS);
				assertThat(servedDuringRoll).isPositive();

				int failedBeforeTerm = loop.failures().size();
				app.signal("TERM");
				assertThat(app.awaitExit(Duration.ofSeconds(60))).as(() -> "exit status; output:%n" + app.output())
					.isZero();
				await().atMost(Duration.ofSeconds(30))
					.until(() -> loop.failures().stream().anyMatch(SampleAppHttpWorkersIT::refused));
				// Connections after the stop are refused at once; at most the one each
				// client had waiting when the socket stopped listening is reset.
				List<String> failures = loop.failures();
				List<String> afterTerm = failures.subList(failedBeforeTerm, failures.size());
				assertThat(afterTerm.stream().filter((failure) -> !refused(failure))).hasSizeLessThanOrEqualTo(CLIENTS);
			}
		}
	}

	@Test
	void aSocketPassedBySystemdIsSharedAndHoldsTheConnectionsThatArriveBeforeTheWorkersAreReady() throws Exception {
		Path activator = Path.of("/usr/bin/systemd-socket-activate");
		assumeTrue(Files.isExecutable(activator), "systemd-socket-activate is not installed");
		try (SampleProcess app = SampleProcess.startSocketActivated(activator.toString(), "--oslo.service.workers=2")) {
			app.awaitLog("Listening on 127.0.0.1:" + app.port());
			// Sent before the JVM has even started: it waits in systemd's socket.
			try (RequestLoop early = RequestLoop.start(app.port(), 1, "0ms")) {
				app.awaitStarted();
				await().atMost(Duration.ofSeconds(60)).until(() -> early.succeeded() > 0);
				assertThat(early.failures()).isEmpty();
			}
			assertThat(app.output()).contains("The workers serve http://127.0.0.1:" + app.port()
					+ " on one listening socket, passed by systemd (LISTEN_FDS)");
			app.signal("TERM");
			assertThat(app.awaitExit(Duration.ofSeconds(60))).isZero();
		}
	}

	@Test
	void aPortInUseFailsTheMasterBeforeAnyWorkerStarts() throws Exception {
		try (ServerSocket taken = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
				SampleProcess app = SampleProcess.start("--oslo.service.workers=2",
						"--server.port=" + taken.getLocalPort())) {
			assertThat(app.awaitExit(Duration.ofSeconds(90))).isOne();
			assertThat(app.output()).contains("Port " + taken.getLocalPort() + " was already in use")
				.doesNotContain("Spawned worker");
		}
	}

	private static boolean refused(String failure) {
		return failure.contains("ConnectException") && failure.contains("refused");
	}

	private static boolean rolledTo(DocumentContext launcher, int generation) {
		List<Integer> generations = launcher.read("$.workers[?(@.state == 'READY')].generation", List.class);
		return generations.size() == 2 && generations.stream().allMatch((g) -> g == generation);
	}

}
