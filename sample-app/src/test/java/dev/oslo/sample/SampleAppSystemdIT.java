package dev.oslo.sample;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import dev.oslo.service.test.systemd.NotifyListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The sample app's jar started the way systemd starts a {@code Type=notify-reload}
 * service: with {@code NOTIFY_SOCKET} (and {@code WATCHDOG_USEC}) in its environment, and
 * a listener on that socket that sees every message, in order.
 */
class SampleAppSystemdIT {

	private static final Duration WAIT = Duration.ofSeconds(90);

	private static final Duration EXIT = Duration.ofSeconds(30);

	@TempDir
	Path directory;

	@Test
	void startReloadAndStopAreReportedInOrder() throws Exception {
		try (NotifyListener systemd = NotifyListener.bindAbstract();
				SampleProcess app = SampleProcess.start(Map.of("NOTIFY_SOCKET", systemd.notifySocket()),
						"--oslo.service.graceful-shutdown-timeout=20s", "--sample.work-queue.drain-time=1500ms")) {
			assertThat(systemd.next(WAIT)).isEqualTo("READY=1\nSTATUS=2 services running");
			assertThat(app.output()).contains("Started SampleApplication");

			long before = System.nanoTime() / 1000;
			app.signal("HUP");
			String reloading = systemd.next(WAIT);
			long after = System.nanoTime() / 1000;
			assertThat(reloading).startsWith("RELOADING=1\n").endsWith("\nSTATUS=reloading (SIGHUP)");
			assertThat(Long.parseLong(NotifyListener.field(reloading, "MONOTONIC_USEC"))).isBetween(before, after);
			assertThat(systemd.next(WAIT)).isEqualTo("READY=1\nSTATUS=2 services running");

			app.signal("TERM");
			String stopping = systemd.next(WAIT);
			assertThat(stopping).startsWith("STOPPING=1\n").contains("\nSTATUS=stopping: waiting for ");
			assertThat(Long.parseLong(NotifyListener.field(stopping, "EXTEND_TIMEOUT_USEC"))).isBetween(20_000_000L,
					25_000_000L);
			assertThat(app.awaitExit(EXIT)).isZero();
			List<String> duringStop = systemd.drain();
			assertThat(duringStop).isNotEmpty()
				.allSatisfy((message) -> assertThat(message).startsWith("EXTEND_TIMEOUT_USEC=")
					.contains("\nSTATUS=stopping: waiting for "))
				.anySatisfy((message) -> assertThat(message).contains("workQueueService ("));
		}
	}

	@Test
	void watchdogPingsWhileHealthyAndStopWhenAServiceFails() throws Exception {
		Path config = this.directory.resolve("sample.yml");
		Files.writeString(config, "sample.work-queue.fail-on-reset: false\n");
		try (NotifyListener systemd = NotifyListener.bind(this.directory.resolve("notify"));
				SampleProcess app = SampleProcess.start(
						Map.of("NOTIFY_SOCKET", systemd.notifySocket(), "WATCHDOG_USEC", "1000000"),
						"--spring.config.additional-location=file:" + config, "--sample.work-queue.drain-time=0ms")) {
			assertThat(systemd.next(WAIT)).startsWith("READY=1\n");
			assertThat(systemd.next(WAIT)).isEqualTo("WATCHDOG=1");
			assertThat(systemd.next(WAIT)).isEqualTo("WATCHDOG=1");

			Files.writeString(config, "sample.work-queue.fail-on-reset: true\n");
			app.signal("HUP");
			assertThat(systemd.nextIgnoringWatchdog(WAIT)).startsWith("RELOADING=1\n");
			assertThat(systemd.nextIgnoringWatchdog(WAIT))
				.startsWith("READY=1\nSTATUS=1 of 2 services running; failed: workQueueService; last reload failed: ");
			await().during(Duration.ofSeconds(3))
				.atMost(Duration.ofSeconds(10))
				.until(() -> systemd.drain().stream().noneMatch("WATCHDOG=1"::equals));
			assertThat(app.get("/actuator/health/liveness")).contains("\"status\":\"DOWN\"");
			assertThat(app.isAlive()).isTrue();
		}
	}

	@Test
	void anUnusableNotifySocketChangesNothingForTheService() throws Exception {
		String missing = this.directory.resolve("no-such-dir/notify").toString();
		try (SampleProcess app = SampleProcess
			.start(Map.of("NOTIFY_SOCKET", missing), "--sample.work-queue.drain-time=0ms")
			.awaitStarted()) {
			app.signal("HUP");
			await().atMost(WAIT).until(() -> app.launcher().read("$.reloads.count", Integer.class) == 1);
			assertThat(app.launcher().read("$.reloads.last.outcome", String.class)).isEqualTo("success");
			app.signal("TERM");
			assertThat(app.awaitExit(EXIT)).isZero();
			assertThat(app.output().lines().filter((line) -> line.contains("Could not notify systemd at " + missing)))
				.hasSize(1);
		}
	}

	@Test
	void aMasterAloneNotifiesOnceEveryWorkerIsReady() throws Exception {
		try (NotifyListener systemd = NotifyListener.bind(this.directory.resolve("notify"));
				SampleProcess app = SampleProcess.start(Map.of("NOTIFY_SOCKET", systemd.notifySocket()),
						"--oslo.service.workers=2", "--sample.work-queue.drain-time=0ms")) {
			assertThat(systemd.next(WAIT)).isEqualTo("READY=1\nSTATUS=workers 2/2 ready, generation 1");
			assertThat(app.launcher().read("$.workers[?(@.id > 0)].state", List.class)).containsExactly("READY",
					"READY");
			assertThat(systemd.next(WAIT)).isEqualTo("STATUS=workers 2/2 ready, 1 standby, generation 1");

			app.signal("HUP");
			assertThat(systemd.next(WAIT)).startsWith("RELOADING=1\n");
			assertThat(systemd.next(WAIT)).isEqualTo("READY=1\nSTATUS=workers 2/2 ready, generation 2");
			assertThat(systemd.next(WAIT)).isEqualTo("STATUS=workers 2/2 ready, 1 standby, generation 2");

			app.signal("TERM");
			assertThat(systemd.next(WAIT)).startsWith("STOPPING=1\n")
				.contains("\nSTATUS=stopping: waiting for worker 1 (pid ");
			assertThat(app.awaitExit(EXIT)).isZero();
			assertThat(systemd.drain()).allSatisfy((message) -> assertThat(message).startsWith("EXTEND_TIMEOUT_USEC="));
		}
	}

}
