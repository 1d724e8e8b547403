package dev.oslo.service.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import dev.oslo.service.ConfigurationRefresher;
import dev.oslo.service.ControllableService;
import dev.oslo.service.InstalledSignalHandlers;
import dev.oslo.service.Launcher;
import dev.oslo.service.LauncherConfig;
import dev.oslo.service.LauncherRuntime;
import dev.oslo.service.LauncherSnapshot;
import dev.oslo.service.ProcessLauncher;
import dev.oslo.service.RecordingExit;
import dev.oslo.service.RecordingService;
import dev.oslo.service.ReloadCoordinator;
import dev.oslo.service.ReloadListener;
import dev.oslo.service.ReloadOutcome;
import dev.oslo.service.ReloadResult;
import dev.oslo.service.ReloadTestSupport;
import dev.oslo.service.ReloadTrigger;
import dev.oslo.service.RestartMethod;
import dev.oslo.service.ServiceLauncher;
import dev.oslo.service.ServiceState;
import dev.oslo.service.internal.ProcessExit;
import dev.oslo.service.internal.boot.ConfigurationOptionsLogger;
import dev.oslo.service.internal.boot.LauncherStartupException;
import dev.oslo.service.periodic.PeriodicTaskScheduler;
import dev.oslo.service.process.SupervisionSettings;
import dev.oslo.service.process.TestWorkers;
import dev.oslo.service.process.WorkerCommand;
import dev.oslo.service.process.WorkerSnapshot;
import dev.oslo.service.process.WorkerState;
import dev.oslo.service.process.classdata.ClassDataArchive;
import dev.oslo.service.systemd.SystemdNotifier;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.ExitCodeGenerator;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.cloud.autoconfigure.RefreshAutoConfiguration;
import org.springframework.cloud.context.refresh.ContextRefresher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.Order;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

@ExtendWith(OutputCaptureExtension.class)
class OsloServiceAutoConfigurationTests {

	private final Journal journal = new Journal();

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OsloServiceAutoConfiguration.class))
		.withBean(Journal.class, () -> this.journal)
		.withPropertyValues("oslo.service.signals.enabled=false");

	@Test
	void launchesEveryServiceBeanInOrderWhenTheContextStarts() {
		this.runner.withUserConfiguration(TwoServices.class).run((context) -> {
			ServiceLauncher launcher = context.getBean(ServiceLauncher.class);
			assertThat(launcher.snapshot().serviceNamesIn(ServiceState.RUNNING)).containsExactly("first", "second");
			assertThat(this.journal.events).containsExactly("first.start", "second.start");
		});
	}

	@Test
	void stopsEveryServiceWhenTheContextCloses() {
		this.runner.withUserConfiguration(TwoServices.class).run((context) -> this.journal.events.clear());
		assertThat(this.journal.events).containsExactlyInAnyOrder("first.stop", "first.await", "second.stop",
				"second.await");
	}

	@Test
	void failingStartFailsTheContextWithExitCodeOneAndStopsTheServicesAlreadyStarted() {
		this.runner.withUserConfiguration(FailingSecondService.class).run((context) -> {
			assertThat(context).hasFailed();
			assertThat(context.getStartupFailure()).rootCause().hasMessage("second cannot start");
			LauncherStartupException failure = causeOfType(context.getStartupFailure(), LauncherStartupException.class);
			assertThat(failure).hasMessageContaining("Service 'second' failed to start");
			assertThat(((ExitCodeGenerator) failure).getExitCode()).isEqualTo(1);
			assertThat(this.journal.events).containsSubsequence("first.start", "second.start", "first.stop",
					"first.await");
		});
	}

	@Test
	void bindsTheSettingsIntoTheLauncher() {
		this.runner
			.withPropertyValues("oslo.service.graceful-shutdown-timeout=15", "oslo.service.restart-method=mutate")
			.run((context) -> {
				ServiceLauncher launcher = context.getBean(ServiceLauncher.class);
				assertThat(launcher.snapshot().gracefulShutdownTimeout()).isEqualTo(Duration.ofSeconds(15));
				assertThat(launcher.snapshot().restartMethod()).isEqualTo(RestartMethod.MUTATE);
			});
	}

	@Test
	void defaultsAreOslos() {
		this.runner.run((context) -> {
			OsloServiceProperties properties = context.getBean(OsloServiceProperties.class);
			assertThat(properties.getGracefulShutdownTimeout()).isEqualTo(Duration.ofSeconds(60));
			assertThat(properties.getRestartMethod()).isEqualTo(RestartMethod.RELOAD);
			assertThat(properties.getWorkers()).isOne();
			assertThat(properties.isLogOptions()).isTrue();
		});
	}

	@Test
	void negativeGracefulShutdownTimeoutFailsNamingThePropertyAndValue() {
		assertRejected("oslo.service.graceful-shutdown-timeout=-5s", "oslo.service.graceful-shutdown-timeout", "-5s",
				"must be 0 (wait forever) or positive");
	}

	@Test
	void unparsableGracefulShutdownTimeoutFailsNamingThePropertyAndValue() {
		assertBindingFails("oslo.service.graceful-shutdown-timeout=soon", "oslo.service.graceful-shutdown-timeout",
				"soon");
	}

	@Test
	void zeroWorkersFailsNamingThePropertyAndValue() {
		assertRejected("oslo.service.workers=0", "oslo.service.workers", "0", "must be at least 1");
	}

	@Test
	void moreThanOneWorkerMakesThisProcessTheMasterOfThatManyWorkersRunningNoServiceItself(@TempDir Path directory) {
		this.runner.withConfiguration(AutoConfigurations.of(PeriodicTaskAutoConfiguration.class))
			.withUserConfiguration(TwoServices.class)
			.withBean(WorkerCommand.class, () -> TestWorkers.java(directory.resolve("workers.log")))
			.withPropertyValues("oslo.service.workers=2")
			.run((context) -> {
				assertThat(context).hasSingleBean(ProcessLauncher.class)
					.doesNotHaveBean(ServiceLauncher.class)
					.doesNotHaveBean(PeriodicTaskScheduler.class);
				LauncherSnapshot snapshot = context.getBean(ProcessLauncher.class).snapshot();
				assertThat(snapshot.mode()).isEqualTo("multi-process");
				assertThat(snapshot.workers()).extracting(WorkerSnapshot::id).containsExactly(1, 2, 0);
				assertThat(snapshot.workers()).filteredOn((worker) -> worker.id() > 0)
					.extracting(WorkerSnapshot::state)
					.containsExactly(WorkerState.READY, WorkerState.READY);
				assertThat(this.journal.events).isEmpty();
			});
		assertThat(this.journal.events).isEmpty();
	}

	@Test
	void aMastersWorkersAskAClassDataArchiveForTheirCommandUnlessItIsTurnedOff(@TempDir Path directory) {
		ApplicationContextRunner master = this.runner
			.withBean(WorkerCommand.class, () -> TestWorkers.java(directory.resolve("workers.log")))
			.withPropertyValues("oslo.service.workers=2",
					"oslo.service.worker.class-data.directory=" + directory.resolve("cache"));
		master.run((context) -> assertThat(context).hasSingleBean(ClassDataArchive.class));
		master.withPropertyValues("oslo.service.worker.class-data.enabled=false")
			.run((context) -> assertThat(context).hasSingleBean(ProcessLauncher.class)
				.doesNotHaveBean(ClassDataArchive.class));
	}

	@Test
	void aMastersLauncherWorkerCommandAndClassDataArchiveBackOffWhenTheUserDefinesThem(@TempDir Path directory) {
		WorkerCommand command = TestWorkers.java(directory.resolve("workers.log"));
		ProcessLauncher own = new ProcessLauncher(() -> LauncherConfig.DEFAULTS.withHandleSignals(false),
				() -> SupervisionSettings.DEFAULTS.withStandby(0), command);
		ClassDataArchive archive = new ClassDataArchive(command, directory, null, List::of);
		this.runner.withBean(WorkerCommand.class, () -> command)
			.withBean("ownLauncher", ProcessLauncher.class, () -> own)
			.withBean("ownArchive", ClassDataArchive.class, () -> archive)
			.withPropertyValues("oslo.service.workers=2")
			.run((context) -> {
				assertThat(context).getBean(ProcessLauncher.class).isSameAs(own);
				assertThat(context).getBean(WorkerCommand.class).isSameAs(command);
				assertThat(context).getBean(ClassDataArchive.class).isSameAs(archive);
				assertThat(own.snapshot().workers()).extracting(WorkerSnapshot::state)
					.containsExactly(WorkerState.READY, WorkerState.READY);
			});
	}

	@Test
	void invalidWorkerSupervisionSettingsFailNamingThePropertyAndValue() {
		assertRejected("oslo.service.worker.max-restarts=-1", "oslo.service.worker.max-restarts", "-1",
				"must be 0 or more");
		assertRejected("oslo.service.worker.respawn-delay=0ms", "oslo.service.worker.respawn-delay", "0ms",
				"must be positive");
		assertRejected("oslo.service.worker.boot-timeout=-5", "oslo.service.worker.boot-timeout", "-5",
				"must be positive");
		assertRejected("oslo.service.worker.standby=-1", "oslo.service.worker.standby", "-1",
				"must be between 0 and 64");
		assertRejected("oslo.service.worker.standby=500", "oslo.service.worker.standby", "500",
				"must be between 0 and 64");
	}

	@Test
	void aHeartbeatTimeoutNotLongerThanTheHeartbeatFailsNamingThePropertyAndValue() {
		for (String value : new String[] { "1", "500ms", "-30s" }) {
			assertRejected("oslo.service.worker.heartbeat-timeout=" + value, "oslo.service.worker.heartbeat-timeout",
					value, "must be 0 (off) or longer than the heartbeat interval (1s)");
		}
		assertBindingFails("oslo.service.worker.heartbeat-timeout=soon", "oslo.service.worker.heartbeat-timeout",
				"soon");
	}

	@Test
	void aClassDataDirectoryThatIsNotAbsoluteFailsNamingThePropertyAndValue() {
		assertRejected("oslo.service.worker.class-data.directory=~/cache", "oslo.service.worker.class-data.directory",
				"~/cache", "must be an absolute path");
	}

	@Test
	void periodicSpacingsThatAreNotPositiveFailNamingThePropertyAndValue() {
		assertRejected("oslo.service.periodic.default-spacing=0", "oslo.service.periodic.default-spacing", "0",
				"must be positive");
		assertRejected("oslo.service.periodic.interval-max=-1s", "oslo.service.periodic.interval-max", "-1s",
				"must be positive");
	}

	@Test
	void theWorkerPropertiesDefaultToTheEnginesSupervisionDefaults() {
		assertThat(OsloServiceAutoConfiguration.supervision(new OsloServiceProperties().getWorker()))
			.isEqualTo(SupervisionSettings.DEFAULTS);
	}

	@Test
	void aBareRespawnDelayIsInSecondsLikeEveryOtherDuration() {
		this.runner
			.withPropertyValues("oslo.service.worker.respawn-delay=2", "oslo.service.worker.boot-timeout=90",
					"oslo.service.worker.heartbeat-timeout=45", "oslo.service.worker.standby=3")
			.run((context) -> {
				SupervisionSettings supervision = OsloServiceAutoConfiguration
					.supervision(context.getBean(OsloServiceProperties.class).getWorker());
				assertThat(supervision.respawnDelay()).isEqualTo(Duration.ofSeconds(2));
				assertThat(supervision.bootTimeout()).isEqualTo(Duration.ofSeconds(90));
				assertThat(supervision.heartbeatTimeout()).isEqualTo(Duration.ofSeconds(45));
				assertThat(supervision.standby()).isEqualTo(3);
			});
	}

	@Test
	void aMaximumRespawnDelayBelowTheFirstFailsNamingBothProperties() {
		this.runner
			.withPropertyValues("oslo.service.worker.respawn-delay=2s", "oslo.service.worker.max-respawn-delay=1s")
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining("oslo.service.worker.max-respawn-delay")
				.hasMessageContaining("must not be below oslo.service.worker.respawn-delay (2s)"));
	}

	@Test
	void unknownRestartMethodFailsNamingThePropertyAndValue() {
		assertBindingFails("oslo.service.restart-method=restart", "oslo.service.restart-method", "restart");
	}

	@Test
	void enabledFalseSwitchesTheWholeStarterOff() {
		String before = InstalledSignalHandlers.describe("TERM");
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(OsloServiceAutoConfiguration.class, SystemdAutoConfiguration.class,
					PeriodicTaskAutoConfiguration.class, PeriodicTaskActuatorAutoConfiguration.class,
					ClusterLockAutoConfiguration.class, LauncherEndpointAutoConfiguration.class,
					LauncherHealthContributorAutoConfiguration.class, LauncherMetricsAutoConfiguration.class))
			.withBean(Journal.class, () -> this.journal)
			.withUserConfiguration(TwoServices.class)
			.withPropertyValues("oslo.service.enabled=false")
			.run((context) -> {
				assertThat(context).hasNotFailed()
					.doesNotHaveBean(Launcher.class)
					.doesNotHaveBean(LauncherRuntime.class)
					.doesNotHaveBean(ReloadCoordinator.class)
					.doesNotHaveBean(PeriodicTaskScheduler.class)
					.doesNotHaveBean(SystemdNotifier.class)
					.doesNotHaveBean(OsloServiceProperties.class);
				assertThat(InstalledSignalHandlers.describe("TERM")).isEqualTo(before);
				assertThat(this.journal.events).isEmpty();
			});
	}

	@Test
	void theRuntimeBacksOffWhenTheUserDefinesOne() {
		ServiceLauncher launcher = new ServiceLauncher(LauncherConfig.DEFAULTS.withHandleSignals(false));
		LauncherRuntime own = LauncherRuntime.builder(launcher).signals(false).build();
		try {
			this.runner.withBean(ServiceLauncher.class, () -> launcher)
				.withBean(LauncherRuntime.class, () -> own)
				.run((context) -> assertThat(context).getBean(ReloadCoordinator.class).isSameAs(own.reloads()));
		}
		finally {
			own.close();
		}
	}

	@Test
	void theConfigurationRefresherBacksOffWhenTheUserDefinesOne() {
		ConfigurationRefresher own = Set::of;
		this.runner.withConfiguration(AutoConfigurations.of(RefreshAutoConfiguration.class))
			.withBean(ConfigurationRefresher.class, () -> own)
			.run((context) -> assertThat(context).getBean(ConfigurationRefresher.class).isSameAs(own));
	}

	@Test
	void everyReloadListenerBeanHearsEveryReloadInOrder() {
		List<String> heard = new CopyOnWriteArrayList<>();
		this.runner.withUserConfiguration(TwoServices.class)
			.withBean("lastListener", ReloadListener.class, () -> (result) -> heard.add("second"))
			.withBean("firstListener", OrderedListener.class, () -> new OrderedListener(heard))
			.run((context) -> {
				context.getBean(LauncherRuntime.class).ready();
				context.getBean(ReloadCoordinator.class).request(ReloadTrigger.APPLICATION);
				await().until(() -> heard.size() == 2);
				assertThat(heard).containsExactly("first", "second");
			});
	}

	@Test
	void aReloadListenerBeanMayDependOnTheReloadCoordinator() {
		this.runner.withBean(CoordinatorAwareListener.class).run((context) -> {
			assertThat(context).hasNotFailed();
			context.getBean(LauncherRuntime.class).ready();
			context.getBean(ReloadCoordinator.class).request(ReloadTrigger.APPLICATION);
			CoordinatorAwareListener listener = context.getBean(CoordinatorAwareListener.class);
			await().until(() -> listener.heard.get() == 1);
		});
	}

	@Test
	void userDefinedLauncherIsUsedInstead() {
		ServiceLauncher own = new ServiceLauncher(dev.oslo.service.LauncherConfig.DEFAULTS);
		this.runner.withBean("ownLauncher", ServiceLauncher.class, () -> own)
			.withUserConfiguration(TwoServices.class)
			.run((context) -> {
				assertThat(context).getBean(ServiceLauncher.class).isSameAs(own);
				assertThat(own.snapshot().serviceNamesIn(ServiceState.RUNNING)).containsExactly("first", "second");
			});
	}

	@Test
	void signalHandlersAreInstalledByDefaultRestoredOnCloseAndCanBeTurnedOff() {
		String before = InstalledSignalHandlers.describe("TERM");
		this.runner.withPropertyValues("oslo.service.signals.enabled=true")
			.withBean(ProcessExit.class, RecordingExit::new)
			.withUserConfiguration(TwoServices.class)
			.run((context) -> assertThat(InstalledSignalHandlers.describe("TERM")).isNotEqualTo(before)
				.startsWith("dev.oslo.service."));
		assertThat(InstalledSignalHandlers.describe("TERM")).isEqualTo(before);
		this.runner.withUserConfiguration(TwoServices.class)
			.run((context) -> assertThat(InstalledSignalHandlers.describe("TERM")).isEqualTo(before));
	}

	@Test
	void withNothingToLaunchNoSignalHandlerIsInstalledAndNoThreadKeepsTheJvmAlive() {
		Map<String, String> before = signalHandlers();
		Set<Thread> nonDaemonBefore = nonDaemonThreads();
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(OsloServiceAutoConfiguration.class, PeriodicTaskAutoConfiguration.class))
			.withBean(ProcessExit.class, RecordingExit::new)
			.run((context) -> {
				assertThat(context).hasNotFailed().hasSingleBean(LauncherRuntime.class);
				assertThat(signalHandlers()).isEqualTo(before);
				assertThat(nonDaemonThreads()).isSubsetOf(nonDaemonBefore);
			});
	}

	@Test
	void periodicTasksAloneAreWorkToLaunchAndGetTheSignalHandlers() {
		String before = InstalledSignalHandlers.describe("HUP");
		new ApplicationContextRunner()
			.withConfiguration(
					AutoConfigurations.of(OsloServiceAutoConfiguration.class, PeriodicTaskAutoConfiguration.class))
			.withBean(ProcessExit.class, RecordingExit::new)
			.withBean(PeriodicTaskAutoConfigurationTests.Tasks.class)
			.withPropertyValues("tasks.fast=1h", "oslo.service.log-options=false")
			.run((context) -> assertThat(InstalledSignalHandlers.describe("HUP")).isNotEqualTo(before)
				.startsWith("dev.oslo.service."));
		assertThat(InstalledSignalHandlers.describe("HUP")).isEqualTo(before);
	}

	@Test
	void aMasterLaunchesWorkersSoItHandlesSignalsWithoutAServiceBean(@TempDir Path directory) {
		String before = InstalledSignalHandlers.describe("TERM");
		this.runner.withBean(WorkerCommand.class, () -> TestWorkers.java(directory.resolve("workers.log")))
			.withBean(ProcessExit.class, RecordingExit::new)
			.withPropertyValues("oslo.service.workers=2", "oslo.service.signals.enabled=true")
			.run((context) -> assertThat(InstalledSignalHandlers.describe("TERM")).isNotEqualTo(before)
				.startsWith("dev.oslo.service."));
		assertThat(InstalledSignalHandlers.describe("TERM")).isEqualTo(before);
	}

	@Test
	void logsEveryOptionAtStartWithSecretsMasked(CapturedOutput output) {
		this.runner.withPropertyValues("oslo.service.graceful-shutdown-timeout=1500ms").run((context) -> {
			assertThat(output).contains("oslo.service.graceful-shutdown-timeout = 1500ms")
				.contains("oslo.service.restart-method = reload")
				.contains("oslo.service.workers = 1")
				.contains("oslo.service.signals.enabled = false");
		});
	}

	@Test
	void withSpringCloudContextReloadsRereadTheConfiguration() {
		this.runner.withConfiguration(AutoConfigurations.of(RefreshAutoConfiguration.class))
			.run((context) -> assertThat(context.getBean(ReloadCoordinator.class).rereadsConfiguration()).isTrue());
	}

	@Test
	void reloadsWaitForTheApplicationToBeReady() {
		this.runner.withUserConfiguration(TwoServices.class).run((context) -> {
			ReloadCoordinator reloads = context.getBean(ReloadCoordinator.class);
			reloads.request(ReloadTrigger.APPLICATION);
			assertThat(ReloadTestSupport.awaitIdle(reloads, Duration.ofMillis(300))).isFalse();
			assertThat(reloads.snapshot().count()).isZero();
			context.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0],
					context.getSourceApplicationContext(), Duration.ZERO));
			assertThat(ReloadTestSupport.awaitIdle(reloads, Duration.ofSeconds(30))).isTrue();
			assertThat(reloads.snapshot().count()).isOne();
			assertThat(reloads.snapshot().last().outcome()).isEqualTo(ReloadOutcome.SUCCESS);
		});
	}

	@Test
	void withoutSpringCloudContextReloadsOnlyResetAndSaySoOnce(CapturedOutput output) {
		this.runner.withClassLoader(new FilteredClassLoader(ContextRefresher.class)).run((context) -> {
			assertThat(context).hasNotFailed().doesNotHaveBean(ConfigurationRefresher.class);
			assertThat(context.getBean(ReloadCoordinator.class).rereadsConfiguration()).isFalse();
		});
		assertThat(output).containsOnlyOnce("SIGHUP resets the services without re-reading the configuration");
	}

	@Test
	void logOptionsFalseLogsNothing() {
		this.runner.withPropertyValues("oslo.service.log-options=false")
			.run((context) -> assertThat(context).doesNotHaveBean(ConfigurationOptionsLogger.class));
	}

	/**
	 * Start-up fails with the validator's error: the property, the value as written, and
	 * why.
	 */
	private void assertRejected(String property, String name, String value, String reason) {
		this.runner.withPropertyValues(property)
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("codes [" + name)
				.hasStackTraceContaining("rejected value [" + value + "]")
				.hasStackTraceContaining(reason));
	}

	private void assertBindingFails(String property, String name, String value) {
		this.runner.withPropertyValues(property).run((context) -> {
			assertThat(context).hasFailed();
			BindException bind = causeOfType(context.getStartupFailure(), BindException.class);
			assertThat(bind.getProperty()).isNotNull();
			assertThat(bind.getProperty().getName()).hasToString(name);
			assertThat(bind.getProperty().getValue()).hasToString(value);
		});
	}

	private static Map<String, String> signalHandlers() {
		return Stream.of("TERM", "INT", "HUP")
			.collect(Collectors.toMap(Function.identity(), InstalledSignalHandlers::describe));
	}

	private static Set<Thread> nonDaemonThreads() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.isAlive() && !thread.isDaemon())
			.collect(Collectors.toSet());
	}

	private static <T extends Throwable> T causeOfType(Throwable failure, Class<T> type) {
		for (Throwable cause = failure; cause != null; cause = cause.getCause()) {
			if (type.isInstance(cause)) {
				return type.cast(cause);
			}
		}
		throw new AssertionError("No " + type.getSimpleName() + " in the causes of " + failure, failure);
	}

	static final class Journal {

		final List<String> events = new CopyOnWriteArrayList<>();

	}

	@Configuration(proxyBeanMethods = false)
	static class TwoServices {

		@Bean
		@Order(2)
		RecordingService second(Journal journal) {
			return new RecordingService("second", journal.events);
		}

		@Bean
		@Order(1)
		RecordingService first(Journal journal) {
			return new RecordingService("first", journal.events);
		}

	}

	static final class CoordinatorAwareListener implements ReloadListener {

		final AtomicInteger heard = new AtomicInteger();

		CoordinatorAwareListener(ReloadCoordinator reloads) {
			assertThat(reloads.snapshot().count()).isZero();
		}

		@Override
		public void reloadFinished(ReloadResult result) {
			this.heard.incrementAndGet();
		}

	}

	@Order(1)
	static final class OrderedListener implements ReloadListener {

		private final List<String> heard;

		OrderedListener(List<String> heard) {
			this.heard = heard;
		}

		@Override
		public void reloadFinished(ReloadResult result) {
			this.heard.add("first");
		}

	}

	@Configuration(proxyBeanMethods = false)
	static class FailingSecondService {

		@Bean
		@Order(1)
		RecordingService first(Journal journal) {
			return new RecordingService("first", journal.events);
		}

		@Bean
		@Order(2)
		ControllableService second(Journal journal) {
			return new RecordingService("second", journal.events).failOnStart();
		}

	}

}
