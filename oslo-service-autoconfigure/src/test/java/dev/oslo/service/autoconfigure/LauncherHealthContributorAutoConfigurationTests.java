package dev.oslo.service.autoconfigure;

import dev.oslo.service.LauncherConfig;
import dev.oslo.service.ServiceLauncher;
import dev.oslo.service.actuate.LauncherHealthIndicator;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

class LauncherHealthContributorAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OsloServiceAutoConfiguration.class,
				LauncherHealthContributorAutoConfiguration.class))
		.withPropertyValues("oslo.service.signals.enabled=false");

	@Test
	void healthIndicatorIsNamedLauncherAndCanBeDisabled() {
		this.runner.run((context) -> assertThat(context).hasBean("launcherHealthIndicator")
			.hasSingleBean(LauncherHealthIndicator.class));
		this.runner.withPropertyValues("management.health.launcher.enabled=false")
			.run((context) -> assertThat(context).doesNotHaveBean(LauncherHealthIndicator.class));
	}

	@Test
	void backsOffWithoutSpringBootHealth() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.health"))
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(LauncherHealthIndicator.class));
	}

	@Test
	void backsOffWhenTheUserDefinesTheIndicator() {
		LauncherHealthIndicator own = new LauncherHealthIndicator(new ServiceLauncher(LauncherConfig.DEFAULTS));
		this.runner.withBean("launcherHealthIndicator", LauncherHealthIndicator.class, () -> own)
			.run((context) -> assertThat(context).getBean("launcherHealthIndicator").isSameAs(own));
	}

}
