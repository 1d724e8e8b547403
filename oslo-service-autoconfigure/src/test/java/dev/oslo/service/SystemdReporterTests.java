package dev.oslo.service;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;

import dev.oslo.service.systemd.NotifySocket;
import dev.oslo.service.systemd.NotifyTransports;
import dev.oslo.service.systemd.SystemdNotifier;
import dev.oslo.service.test.systemd.NotifyListener;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

/**
 * A launcher's lifecycle as a real listener on a real socket receives it.
 */
class SystemdReporterTests {

	private static final Duration WAIT = Duration.ofSeconds(10);

	private static final String MARKER = "X_TEST_MARKER=1";

	@TempDir
	Path directory;

	private NotifyListener listener;

	private ServiceLauncher launcher;

	private final ControllableService queue = new ControllableService();

	private final ControllableService audit = new ControllableService();

	private SystemdReporter notifier;

	@BeforeEach
	void launch() throws Exception {
		this.listener = NotifyListener.bind(this.directory.resolve("notify"));
		this.launcher = new ServiceLauncher(
				LauncherConfig.DEFAULTS.withGracefulShutdownTimeout(Duration.ofSeconds(20)));
		this.launcher.launchService("queue", this.queue);
		this.launcher.launchService("audit", this.audit);
	}

	@AfterEach
	void close() throws Exception {
		this.queue.releaseStop();
		this.notifier.close();
		this.launcher.stop();
		this.listener.close();
	}

	@Test
	void readyOnceWithTheServicesRunning() throws Exception {
		this.notifier = notifier(null);
		this.notifier.ready();
		this.notifier.ready();
		sendMarker();
		assertThat(this.listener.next(WAIT)).isEqualTo("READY=1\nSTATUS=2 services running");
		assertThat(this.listener.next(WAIT)).isEqualTo(MARKER);
	}

	@Test
	void aReloadIsBracketedByReloadingWithTheMonotonicClockAndReady() throws Exception {
		this.notifier = notifier(null);
		ReloadCoordinator reloads = new ReloadCoordinator(this.launcher, Set::of, () -> List.of(this.notifier));
		this.notifier.ready();
		reloads.markReady();
		this.listener.next(WAIT);

		long before = System.nanoTime() / 1000;
		reloads.request(ReloadTrigger.SIGHUP);
		String reloading = this.listener.next(WAIT);
		long after = System.nanoTime() / 1000;
		assertThat(reloading).startsWith("RELOADING=1\n").endsWith("\nSTATUS=reloading (SIGHUP)");
		assertThat(Long.parseLong(NotifyListener.field(reloading, "MONOTONIC_USEC"))).isBetween(before, after);
		assertThat(this.listener.next(WAIT)).isEqualTo("READY=1\nSTATUS=2 services running");
		reloads.close();
	}

	@Test
	void aRejectedReloadStillEndsWithReadyAndTheStatusSaysWhy() throws Exception {
		String ready = readyAfterARejectedReload("app.batch-size=0:\nmust be at least 1");

		assertThat(ready)
			.isEqualTo("READY=1\nSTATUS=2 services running; last reload failed: app.batch-size=0: must be at least 1");
	}

	@Test
	void aReloadErrorTooLongForADatagramStillEndsWithReady() throws Exception {
		String ready = readyAfterARejectedReload("app.allowed-hosts=" + "h".repeat(10_000) + ": not a host list");

		assertThat(ready).startsWith("READY=1\nSTATUS=2 services running; last reload failed: app.allowed-hosts=hhh")
			.endsWith("h\u2026");
	}

	/**
	 * Start, then reload with a configuration rejected for {@code error}.
	 * @return the message that ended the reload
	 */
	private String readyAfterARejectedReload(String error) throws InterruptedException {
		this.notifier = notifier(null);
		ReloadCoordinator reloads = new ReloadCoordinator(this.launcher, () -> {
			throw new InvalidConfigurationException(error, new IllegalStateException());
		}, () -> List.of(this.notifier));
		try {
			this.notifier.ready();
			reloads.markReady();
			this.listener.next(WAIT);

			reloads.request(ReloadTrigger.SIGHUP);
			assertThat(this.listener.next(WAIT)).startsWith("RELOADING=1\n");
			return this.listener.next(WAIT);
		}
		finally {
			reloads.close();
		}
	}

	@Test
	void stoppingExtendsTheStopTimeoutUpToTheDeadlineAndNamesWhatItWaitsFor() throws Exception {
		this.notifier = notifier(null);
		this.notifier.ready();
		this.listener.next(WAIT);
		this.queue.hangOnStop();

		this.notifier.stopping();
		CompletableFuture.runAsync(this.launcher::stop);
		String stopping = this.listener.next(WAIT);
		assertThat(stopping).startsWith("STOPPING=1\n").contains("\nSTATUS=stopping: waiting for ");
		long firstExtension = Long.parseLong(NotifyListener.field(stopping, "EXTEND_TIMEOUT_USEC"));
		assertThat(firstExtension).isBetween(20_000_000L, 25_000_000L);

		String update = this.listener.next(WAIT);
		assertThat(update).startsWith("EXTEND_TIMEOUT_USEC=")
			.containsPattern("\nSTATUS=stopping: waiting for (audit, )?queue(, audit)? \\(\\d+ s left\\)$");
		assertThat(Long.parseLong(NotifyListener.field(update, "EXTEND_TIMEOUT_USEC"))).isLessThan(firstExtension);
		this.notifier.stopping();
		this.queue.releaseStop();
	}

	@Test
	void watchdogPingsStopOnceAServiceHasFailed() throws Exception {
		this.notifier = notifier(Duration.ofMillis(400));
		this.notifier.ready();
		assertThat(this.listener.next(WAIT)).startsWith("READY=1");
		assertThat(this.listener.next(WAIT)).isEqualTo("WATCHDOG=1");
		assertThat(this.listener.next(WAIT)).isEqualTo("WATCHDOG=1");

		this.audit.failOnReset(true);
		assertThatExceptionOfType(ServiceRestartException.class)
			.isThrownBy(() -> this.launcher.restart(RestartMethod.MUTATE));
		assertThat(this.listener.nextIgnoringWatchdog(WAIT)).isEqualTo("STATUS=1 of 2 services running; failed: audit");
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(4))
			.until(() -> this.listener.drain().isEmpty());
	}

	@Test
	void watchdogPingsStopWhenTheLauncherDoesNotAnswer() throws Exception {
		Unresponsive unresponsive = new Unresponsive(this.launcher);
		this.notifier = new SystemdReporter(SystemdNotifier.of(NotifySocket.parse(this.listener.notifySocket()),
				NotifyTransports.detect().orElseThrow(), Duration.ofMillis(400)), unresponsive);
		this.notifier.ready();
		assertThat(this.listener.next(WAIT)).startsWith("READY=1");
		await().during(Duration.ofSeconds(2))
			.atMost(Duration.ofSeconds(4))
			.until(() -> this.listener.drain().isEmpty());
	}

	@Test
	void aDisabledNotifierSendsNothing() throws Exception {
		this.notifier = new SystemdReporter(SystemdNotifier.fromEnvironment((name) -> null, NotifyTransports::detect),
				this.launcher);
		this.notifier.ready();
		this.notifier.stopping();
		sendMarker();
		assertThat(this.listener.next(WAIT)).isEqualTo(MARKER);
	}

	/**
	 * Datagrams arrive in the order they were sent: a marker sent last shows nothing else
	 * came first.
	 */
	private void sendMarker() {
		SystemdNotifier
			.of(NotifySocket.parse(this.listener.notifySocket()), NotifyTransports.detect().orElseThrow(), null)
			.send(List.of(MARKER));
	}

	private SystemdReporter notifier(@Nullable Duration watchdog) {
		return new SystemdReporter(SystemdNotifier.of(NotifySocket.parse(this.listener.notifySocket()),
				NotifyTransports.detect().orElseThrow(), watchdog), this.launcher);
	}

	/**
	 * A launcher whose machinery has hung: its snapshot says all is well, but it does not
	 * answer.
	 */
	private static final class Unresponsive extends SnapshotOnlyLauncher {

		private final ServiceLauncher delegate;

		Unresponsive(ServiceLauncher delegate) {
			this.delegate = delegate;
		}

		@Override
		public boolean isResponsive(Duration timeout) {
			return false;
		}

		@Override
		public LauncherSnapshot snapshot() {
			return this.delegate.snapshot();
		}

	}

}
