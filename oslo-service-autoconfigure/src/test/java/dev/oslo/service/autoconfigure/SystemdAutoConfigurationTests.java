package dev.oslo.service.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;

import dev.oslo.service.ControllableService;
import dev.oslo.service.LauncherRuntime;
import dev.oslo.service.ReloadCoordinator;
import dev.oslo.service.ReloadTestSupport;
import dev.oslo.service.ReloadTrigger;
import dev.oslo.service.RestartMethod;
import dev.oslo.service.systemd.SystemdNotifier;
import dev.oslo.service.test.systemd.NotifyListener;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.autoconfigure.availability.ApplicationAvailabilityAutoConfiguration;
import org.springframework.boot.availability.ApplicationAvailability;
import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * systemd notification and liveness as a Spring Boot application wires them.
 */
@ExtendWith(OutputCaptureExtension.class)
class SystemdAutoConfigurationTests {

	private static final Duration WAIT = Duration.ofSeconds(20);

	/**
	 * Hidden, it stands for a JDK older than 22, where this transport is never loaded.
	 */
	private static final String FFM_TRANSPORT = "dev.oslo.service.systemd.FfmNotifyTransport";

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OsloServiceAutoConfiguration.class, SystemdAutoConfiguration.class,
				ApplicationAvailabilityAutoConfiguration.class))
		.withUserConfiguration(OneService.class)
		.withPropertyValues("oslo.service.signals.enabled=false");

	@TempDir
	Path directory;

	@Test
	void anApplicationIsReadyAfterItsServicesStartedAndReportsReloadsAndItsStop() throws Exception {
		try (NotifyListener listener = NotifyListener.bind(this.directory.resolve("notify"));
				ConfigurableApplicationContext context = new SpringApplicationBuilder(OneService.class)
					.web(WebApplicationType.NONE)
					.run("--NOTIFY_SOCKET=" + listener.notifySocket(), "--oslo.service.signals.enabled=false",
							"--spring.cloud.refresh.enabled=false", "--oslo.service.graceful-shutdown-timeout=10s")) {
			assertThat(listener.next(WAIT)).isEqualTo("READY=1\nSTATUS=1 service running");

			ReloadCoordinator reloads = context.getBean(ReloadCoordinator.class);
			reloads.request(ReloadTrigger.SIGHUP);
			assertThat(listener.next(WAIT)).startsWith("RELOADING=1\nMONOTONIC_USEC=");
			assertThat(listener.next(WAIT)).isEqualTo("READY=1\nSTATUS=1 service running");

			context.close();
			assertThat(listener.next(WAIT)).startsWith("STOPPING=1\nEXTEND_TIMEOUT_USEC=")
				.endsWith("\nSTATUS=stopping: waiting for worker (10 s left)");
		}
	}

	@Test
	void theNotifierBacksOffWhenTheUserDefinesOne() {
		SystemdNotifier own = SystemdNotifier.disabled();
		this.runner.withBean(SystemdNotifier.class, () -> own)
			.run((context) -> assertThat(context).getBean(SystemdNotifier.class).isSameAs(own));
	}

	@Test
	void theNotifierIsThereByDefaultAndCanBeTurnedOff() {
		this.runner.run((context) -> assertThat(context).hasSingleBean(SystemdNotifier.class));
		this.runner.withPropertyValues("oslo.service.systemd.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(SystemdNotifier.class));
	}

	@Test
	void underSystemdWithoutFfmOrJnaTheStartUpLogNamesTheDependencyToAdd(CapturedOutput output) {
		this.runner.withClassLoader(new FilteredClassLoader(FFM_TRANSPORT, "com.sun.jna."))
			.withPropertyValues("NOTIFY_SOCKET=" + this.directory.resolve("notify"))
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(context.getBean(SystemdNotifier.class).isEnabled()).isFalse();
				assertThat(output).containsOnlyOnce("add the dependency net.java.dev.jna:jna")
					.contains("not notifying systemd");
			});
	}

	@Test
	void outsideSystemdAMissingJnaGoesUnmentioned(CapturedOutput output) {
		this.runner.withClassLoader(new FilteredClassLoader(FFM_TRANSPORT, "com.sun.jna."))
			.run((context) -> assertThat(context).hasNotFailed());
		assertThat(output).doesNotContain("net.java.dev.jna:jna");
	}

	@Test
	void withJnaAndNoFfmSystemdIsNotifiedThroughJna(CapturedOutput output) throws Exception {
		try (NotifyListener listener = NotifyListener.bind(this.directory.resolve("notify"))) {
			this.runner.withClassLoader(new FilteredClassLoader(FFM_TRANSPORT))
				.withPropertyValues("NOTIFY_SOCKET=" + listener.notifySocket())
				.run((context) -> {
					context.getBean(LauncherRuntime.class).ready();
					assertThat(listener.next(WAIT)).isEqualTo("READY=1\nSTATUS=1 service running");
				});
			assertThat(output).contains("Notifying systemd at " + listener.notifySocket() + " through JNA");
		}
	}

	@Test
	void livenessIsBrokenWhileAServiceHasFailedAndCorrectOnceAReloadRecoversIt() {
		this.runner.run((context) -> {
			AvailabilityChangeEvent.publish(context, LivenessState.CORRECT);
			ApplicationAvailability availability = context.getBean(ApplicationAvailability.class);
			ControllableService worker = context.getBean(ControllableService.class);
			ReloadCoordinator reloads = context.getBean(ReloadCoordinator.class);
			context.getBean(LauncherRuntime.class).ready();

			worker.failOnReset(true);
			reloads.request(ReloadTrigger.SIGHUP);
			assertThat(ReloadTestSupport.awaitIdle(reloads, WAIT)).isTrue();
			assertThat(availability.getLivenessState()).isEqualTo(LivenessState.BROKEN);

			worker.failOnReset(false);
			reloads.request(ReloadTrigger.SIGHUP, RestartMethod.RELOAD);
			assertThat(ReloadTestSupport.awaitIdle(reloads, WAIT)).isTrue();
			assertThat(availability.getLivenessState()).isEqualTo(LivenessState.CORRECT);
		});
	}

	@Test
	void livenessIgnoresFailedServicesWhenToldTo() {
		this.runner.withPropertyValues("oslo.service.liveness.broken-on-failure=false").run((context) -> {
			AvailabilityChangeEvent.publish(context, LivenessState.CORRECT);
			ReloadCoordinator reloads = context.getBean(ReloadCoordinator.class);
			context.getBean(LauncherRuntime.class).ready();
			context.getBean(ControllableService.class).failOnReset(true);
			reloads.request(ReloadTrigger.SIGHUP);
			assertThat(ReloadTestSupport.awaitIdle(reloads, WAIT)).isTrue();
			assertThat(context.getBean(ApplicationAvailability.class).getLivenessState())
				.isEqualTo(LivenessState.CORRECT);
		});
	}

	@SpringBootConfiguration(proxyBeanMethods = false)
	@EnableAutoConfiguration
	static class OneService {

		@Bean
		ControllableService worker() {
			return new ControllableService();
		}

	}

}
