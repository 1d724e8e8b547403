package dev.oslo.service;

import java.io.IOException;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.oslo.service.test.process.ChildJvm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import sun.misc.Signal;
import sun.misc.SignalHandler;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Real signals sent to this JVM. A signal that was ignored when the JVM started (HUP
 * under {@code nohup}, INT in a background job) cannot be handled: there the tests check
 * that it is reported and stays ignored. The JVM's own handlers are put back after each
 * test.
 */
@ExtendWith(OutputCaptureExtension.class)
class LauncherSignalsTests {

	private static final Map<String, SignalHandler> jvmHandlers = new LinkedHashMap<>();

	private final List<String> journal = new CopyOnWriteArrayList<>();

	private final RecordingExit exit = new RecordingExit();

	private final ServiceLauncher launcher = new ServiceLauncher(
			LauncherConfig.DEFAULTS.withGracefulShutdownTimeout(Duration.ofSeconds(30)).withHandleSignals(false));

	private final ReloadCoordinator reloads = new ReloadCoordinator(this.launcher, null, List::of);

	/**
	 * Remember the JVM's handlers of TERM, INT and HUP (as wrappers that name the handler
	 * they wrap, and put it back when installed). Only a Java handler is put in their
	 * place for that instant: installing {@code SIG_IGN} could never be undone.
	 */
	@BeforeAll
	static void rememberTheJvmsHandlers() {
		for (String name : List.of("TERM", "INT", "HUP")) {
			jvmHandlers.put(name, InstalledSignalHandlers.current(name));
		}
	}

	@AfterEach
	void restoreTheJvmsHandlers() {
		this.launcher.stop();
		this.reloads.close();
		jvmHandlers.forEach((name, handler) -> Signal.handle(new Signal(name), handler));
	}

	@Test
	void sigtermStopsTheServicesGracefullyAndExitsZero(CapturedOutput output) throws Exception {
		try (LauncherSignals signals = launchAndInstall()) {
			if (!sendReachesTheHandlers("TERM", output)) {
				return;
			}
			await().untilAsserted(() -> assertThat(this.exit.calls).containsExactly("exit 0"));
		}
		assertThat(this.journal).containsExactly("a.start", "a.stop", "a.await");
	}

	@Test
	void sighupResetsTheServicesOnceTheyHaveStarted(CapturedOutput output) throws Exception {
		try (LauncherSignals signals = launchAndInstall()) {
			if (!sendReachesTheHandlers("HUP", output)) {
				return;
			}
			await().during(Duration.ofMillis(200)).until(() -> this.reloads.snapshot().count() == 0);
			this.reloads.markReady();
			await().untilAsserted(() -> assertThat(this.reloads.snapshot().count()).isOne());
		}
		assertThat(this.journal).containsExactly("a.start", "a.reset");
		assertThat(this.reloads.snapshot().last().outcome()).isEqualTo(ReloadOutcome.SUCCESS);
		assertThat(this.exit.calls).isEmpty();
	}

	@Test
	void sigintHaltsAtOnceWithStatusOneWithoutStoppingServices(CapturedOutput output) throws Exception {
		try (LauncherSignals signals = launchAndInstall()) {
			if (!sendReachesTheHandlers("INT", output)) {
				return;
			}
			await().untilAsserted(() -> assertThat(this.exit.calls).containsExactly("halt 1"));
		}
		assertThat(this.journal).containsExactly("a.start");
	}

	@Test
	void closeGivesTheSignalsBackToTheJvm() {
		launchAndInstall().close();
		jvmHandlers.forEach(
				(name, handler) -> assertThat(Signal.handle(new Signal(name), handler)).as("SIG%s after close", name)
					.hasToString(handler.toString()));
	}

	/**
	 * Launch service {@code a} and install the handlers: {@code install()} says whether
	 * every signal could be handled.
	 */
	private LauncherSignals launchAndInstall() {
		this.launcher.launchService("a", new RecordingService("a", this.journal));
		LauncherSignals signals = new LauncherSignals(new GracefulShutdown(this.launcher, this.exit),
				this.launcher::stop, this.reloads);
		assertThat(signals.install()).isEqualTo(noneIgnored());
		return signals;
	}

	/**
	 * Send the signal. When the JVM ignores it, check that the warning said so and that
	 * nothing happens: no exit, no reload once the services are ready, the service still
	 * running.
	 * @return whether the signal reaches the handlers
	 */
	private boolean sendReachesTheHandlers(String name, CapturedOutput output) throws Exception {
		kill(name);
		if (!ignoredWhenTheJvmStarted(name)) {
			return true;
		}
		assertThat(output).contains("SIG" + name + " was ignored when the JVM started (nohup, or a background job of "
				+ "a non-interactive shell) and cannot be handled; it stays ignored");
		this.reloads.markReady();
		await().during(Duration.ofMillis(300)).atMost(Duration.ofSeconds(5)).until(this.exit.calls::isEmpty);
		assertThat(this.reloads.snapshot().count()).isZero();
		assertThat(this.launcher.snapshot().serviceNamesIn(ServiceState.RUNNING)).containsExactly("a");
		return false;
	}

	/**
	 * Send this JVM a signal with {@code kill}; {@code Signal.raise} refuses a signal
	 * that has no handler in the JVM.
	 */
	private static void kill(String name) throws IOException, InterruptedException {
		ChildJvm.kill(name, ProcessHandle.current().pid());
	}

	private static boolean ignoredWhenTheJvmStarted(String name) {
		return jvmHandlers.get(name) == SignalHandler.SIG_IGN;
	}

	private static boolean noneIgnored() {
		return !jvmHandlers.containsValue(SignalHandler.SIG_IGN);
	}

}
