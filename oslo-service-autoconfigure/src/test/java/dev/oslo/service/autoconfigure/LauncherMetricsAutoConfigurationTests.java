package dev.oslo.service.autoconfigure;

import java.time.Duration;
import java.util.concurrent.TimeUnit;

import dev.oslo.service.ControllableService;
import dev.oslo.service.LauncherConfig;
import dev.oslo.service.ReloadCoordinator;
import dev.oslo.service.ReloadTrigger;
import dev.oslo.service.ServiceLauncher;
import dev.oslo.service.actuate.LauncherMetrics;
import dev.oslo.service.actuate.ReloadMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class LauncherMetricsAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OsloServiceAutoConfiguration.class,
				LauncherMetricsAutoConfiguration.class, MetricsAutoConfiguration.class))
		.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
		.withPropertyValues("oslo.service.signals.enabled=false");

	@Test
	void servicesGaugeAndReloadMetersAreRegisteredInTheMeterRegistry() {
		this.runner.run((context) -> {
			assertThat(context).hasSingleBean(LauncherMetrics.class).hasSingleBean(ReloadMetrics.class);
			MeterRegistry registry = context.getBean(MeterRegistry.class);
			assertThat(registry.find("oslo.service.services").gauges()).isNotEmpty();
			assertThat(registry.find("oslo.service.reloads").counters()).isNotEmpty();
		});
	}

	@Test
	void aReloadIsCountedByItsTrigger() {
		this.runner.withBean(ControllableService.class).run((context) -> {
			context.publishEvent(new ApplicationReadyEvent(new SpringApplication(), new String[0],
					context.getSourceApplicationContext(), Duration.ZERO));
			context.getBean(ReloadCoordinator.class).request(ReloadTrigger.REFRESH_EVENT).get(30, TimeUnit.SECONDS);
			assertThat(context.getBean(MeterRegistry.class)
				.get("oslo.service.reloads")
				.tags("outcome", "success", "trigger", "refresh-event")
				.counter()
				.count()).isOne();
		});
	}

	@Test
	void backsOffWithoutMicrometer() {
		this.runner.withClassLoader(new FilteredClassLoader("io.micrometer"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(LauncherMetrics.class));
	}

	@Test
	void backsOffWhenTheUserDefinesTheMetrics() {
		LauncherMetrics own = new LauncherMetrics(new ServiceLauncher(LauncherConfig.DEFAULTS));
		this.runner.withBean("userMetrics", LauncherMetrics.class, () -> own)
			.run((context) -> assertThat(context).getBean(LauncherMetrics.class).isSameAs(own));
	}

}
