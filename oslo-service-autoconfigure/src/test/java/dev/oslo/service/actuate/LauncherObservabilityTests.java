package dev.oslo.service.actuate;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import dev.oslo.service.ControllableService;
import dev.oslo.service.InvalidConfigurationException;
import dev.oslo.service.LauncherConfig;
import dev.oslo.service.ReloadCoordinator;
import dev.oslo.service.ReloadTestSupport;
import dev.oslo.service.ReloadTrigger;
import dev.oslo.service.ServiceLauncher;
import dev.oslo.service.ServiceStartException;
import dev.oslo.service.ServiceState;
import dev.oslo.service.actuate.LauncherEndpoint.LauncherDescriptor;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.awaitility.Awaitility.await;

class LauncherObservabilityTests {

	private final ServiceLauncher launcher = new ServiceLauncher(
			LauncherConfig.DEFAULTS.withGracefulShutdownTimeout(Duration.ofMillis(1500)).withHandleSignals(false));

	@AfterEach
	void stop() {
		this.launcher.stop();
	}

	@Test
	void endpointDescribesTheLauncherAndEveryService() {
		this.launcher.launchService("worker", new ControllableService());
		LauncherDescriptor descriptor = new LauncherEndpoint(this.launcher,
				ReloadTestSupport.ready(this.launcher, null))
			.launcher();
		assertThat(descriptor.mode()).isEqualTo("in-process");
		assertThat(descriptor.state()).isEqualTo(ServiceState.RUNNING);
		assertThat(descriptor.pid()).isEqualTo(ProcessHandle.current().pid());
		assertThat(descriptor.gracefulShutdownTimeout()).isEqualTo("1500ms");
		assertThat(descriptor.restartMethod()).isEqualTo("reload");
		assertThat(descriptor.reloads().count()).isZero();
		assertThat(descriptor.reloads().rereadsConfiguration()).isFalse();
		assertThat(descriptor.reloads().last()).isNull();
		assertThat(descriptor.services()).singleElement().satisfies((service) -> {
			assertThat(service.name()).isEqualTo("worker");
			assertThat(service.type()).isEqualTo(ControllableService.class.getName());
			assertThat(service.state()).isEqualTo(ServiceState.RUNNING);
			assertThat(service.startedAt()).isNotNull();
		});
	}

	@Test
	void healthIsUpWhileEveryServiceRuns() {
		this.launcher.launchService("worker", new ControllableService());
		Health health = new LauncherHealthIndicator(this.launcher).health(true);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsEntry("state", ServiceState.RUNNING);
	}

	@Test
	void healthIsDownWhenAServiceFailed() {
		assertThatExceptionOfType(ServiceStartException.class)
			.isThrownBy(() -> this.launcher.launchService("broken", new ControllableService().failOnStart()));
		Health health = new LauncherHealthIndicator(this.launcher).health(true);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("failed", List.of("broken"));
	}

	@Test
	void healthIsOutOfServiceWhileStopping() {
		ControllableService slow = new ControllableService().hangOnStop();
		this.launcher.launchService("slow", slow);
		Thread stopper = new Thread(this.launcher::stop);
		stopper.start();
		LauncherHealthIndicator indicator = new LauncherHealthIndicator(this.launcher);
		await().until(() -> indicator.health(true).getStatus().equals(Status.OUT_OF_SERVICE));
		slow.releaseStop();
	}

	@Test
	void servicesGaugeCountsServicesByState() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		new LauncherMetrics(this.launcher).bindTo(registry);
		this.launcher.launchService("a", new ControllableService());
		this.launcher.launchService("b", new ControllableService());
		assertThat(registry.get("oslo.service.services").tag("state", "running").gauge().value()).isEqualTo(2.0);
		assertThat(registry.get("oslo.service.services").tag("state", "failed").gauge().value()).isZero();
		this.launcher.stop();
		assertThat(registry.get("oslo.service.services").tag("state", "terminated").gauge().value()).isEqualTo(2.0);
		assertThat(registry.get("oslo.service.services").tag("state", "running").gauge().value()).isZero();
		assertThat(registry.get("oslo.service.services").gauges()).hasSize(ServiceState.values().length);
	}

	@Test
	void reloadMetersCountReloadsByOutcomeAndTriggerAndTimeThem() {
		this.launcher.launchService("a", new ControllableService());
		boolean[] fail = { false };
		ReloadMetrics metrics = new ReloadMetrics();
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		metrics.bindTo(registry);
		ReloadCoordinator reloads = ReloadTestSupport.ready(this.launcher, () -> {
			if (fail[0]) {
				throw new InvalidConfigurationException("x=\"y\": bad", new IllegalArgumentException());
			}
			return Set.of("x");
		}, metrics);
		reloads.request(ReloadTrigger.SIGHUP).join();
		fail[0] = true;
		reloads.request(ReloadTrigger.REFRESH_ENDPOINT).join();
		assertThat(
				registry.get("oslo.service.reloads").tags("outcome", "success", "trigger", "sighup").counter().count())
			.isOne();
		assertThat(registry.get("oslo.service.reloads")
			.tags("outcome", "failure", "trigger", "refresh-endpoint")
			.counter()
			.count()).isOne();
		assertThat(
				registry.get("oslo.service.reloads").tags("outcome", "failure", "trigger", "sighup").counter().count())
			.isZero();
		assertThat(registry.get("oslo.service.reload.duration").timer().count()).isEqualTo(2);
		assertThat(registry.get("oslo.service.reload.duration").timer().totalTime(TimeUnit.NANOSECONDS)).isPositive();
		LauncherDescriptor descriptor = new LauncherEndpoint(this.launcher, reloads).launcher();
		assertThat(descriptor.reloads().count()).isEqualTo(2);
		assertThat(descriptor.reloads().last().outcome()).isEqualTo("failure");
		assertThat(descriptor.reloads().last().trigger()).isEqualTo("refresh-endpoint");
		assertThat(descriptor.reloads().last().error()).isEqualTo("x=\"y\": bad");
	}

}
