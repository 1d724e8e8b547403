package dev.oslo.service.autoconfigure;

import dev.oslo.service.actuate.LauncherEndpoint;
import dev.oslo.service.actuate.LauncherHealthIndicator;
import dev.oslo.service.actuate.LauncherMetrics;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class LauncherActuatorAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OsloServiceAutoConfiguration.class,
				LauncherEndpointAutoConfiguration.class, LauncherHealthContributorAutoConfiguration.class,
				LauncherMetricsAutoConfiguration.class))
		.withPropertyValues("oslo.service.signals.enabled=false");

	@Test
	void endpointIsAvailableOnlyWhenExposed() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(LauncherEndpoint.class));
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=launcher")
			.run((context) -> assertThat(context).hasSingleBean(LauncherEndpoint.class));
	}

	@Test
	void healthIndicatorIsNamedLauncherAndCanBeDisabled() {
		this.runner.run((context) -> assertThat(context).hasBean("launcherHealthIndicator")
			.hasSingleBean(LauncherHealthIndicator.class));
		this.runner.withPropertyValues("management.health.launcher.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(LauncherHealthIndicator.class));
	}

	@Test
	void servicesGaugeIsRegisteredInTheMeterRegistry() {
		this.runner.withConfiguration(AutoConfigurations.of(MetricsAutoConfiguration.class))
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.run((context) -> {
				assertThat(context).hasSingleBean(LauncherMetrics.class);
				assertThat(context.getBean(MeterRegistry.class).find("oslo.service.services").gauges()).isNotEmpty();
			});
	}

	@Test
	void backsOffWithoutActuatorOrMicrometer() {
		this.runner
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate.endpoint",
					"org.springframework.boot.health", "io.micrometer"))
			.withPropertyValues("management.endpoints.web.exposure.include=launcher")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(LauncherEndpoint.class)
				.doesNotHaveBean(LauncherHealthIndicator.class)
				.doesNotHaveBean(LauncherMetrics.class));
	}

	@Test
	void backsOffWhenTheUserDefinesTheBeans() {
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=launcher")
			.withUserConfiguration(UserBeans.class)
			.run((context) -> {
				assertThat(context).getBean(LauncherEndpoint.class).isSameAs(UserBeans.ENDPOINT);
				assertThat(context).getBean(LauncherMetrics.class).isSameAs(UserBeans.METRICS);
				assertThat(context).getBean("launcherHealthIndicator").isSameAs(UserBeans.HEALTH);
			});
	}

	@org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
	static class UserBeans {

		static final dev.oslo.service.ServiceLauncher LAUNCHER = new dev.oslo.service.ServiceLauncher(
				dev.oslo.service.LauncherConfig.DEFAULTS);

		static final LauncherEndpoint ENDPOINT = new LauncherEndpoint(LAUNCHER,
				new dev.oslo.service.ReloadCoordinator(LAUNCHER, null));

		static final LauncherMetrics METRICS = new LauncherMetrics(LAUNCHER);

		static final LauncherHealthIndicator HEALTH = new LauncherHealthIndicator(LAUNCHER);

		@org.springframework.context.annotation.Bean
		LauncherEndpoint userEndpoint() {
			return ENDPOINT;
		}

		@org.springframework.context.annotation.Bean
		LauncherMetrics userMetrics() {
			return METRICS;
		}

		@org.springframework.context.annotation.Bean
		LauncherHealthIndicator launcherHealthIndicator() {
			return HEALTH;
		}

	}

}
