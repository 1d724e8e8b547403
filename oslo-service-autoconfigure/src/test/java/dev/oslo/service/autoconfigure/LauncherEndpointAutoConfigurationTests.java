package dev.oslo.service.autoconfigure;

import dev.oslo.service.LauncherConfig;
import dev.oslo.service.ReloadTestSupport;
import dev.oslo.service.ServiceLauncher;
import dev.oslo.service.actuate.LauncherEndpoint;
import dev.oslo.service.actuate.RefreshEndpointWebExtension;
import dev.oslo.service.internal.refresh.CoordinatedContextRefresher;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.autoconfigure.ConfigurationPropertiesRebinderAutoConfiguration;
import org.springframework.cloud.autoconfigure.RefreshAutoConfiguration;
import org.springframework.cloud.autoconfigure.RefreshEndpointAutoConfiguration;

import static org.assertj.core.api.Assertions.assertThat;

class LauncherEndpointAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(OsloServiceAutoConfiguration.class, LauncherEndpointAutoConfiguration.class))
		.withPropertyValues("oslo.service.signals.enabled=false");

	@Test
	void endpointIsAvailableOnlyWhenExposed() {
		this.runner.run((context) -> assertThat(context).doesNotHaveBean(LauncherEndpoint.class));
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=launcher")
			.run((context) -> assertThat(context).hasSingleBean(LauncherEndpoint.class));
	}

	@Test
	void backsOffWithoutActuator() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate.endpoint"))
			.withPropertyValues("management.endpoints.web.exposure.include=launcher")
			.run((context) -> assertThat(context).hasNotFailed().doesNotHaveBean(LauncherEndpoint.class));
	}

	@Test
	void backsOffWhenTheUserDefinesTheEndpoint() {
		ServiceLauncher launcher = new ServiceLauncher(LauncherConfig.DEFAULTS);
		LauncherEndpoint own = new LauncherEndpoint(launcher, ReloadTestSupport.ready(launcher, null));
		this.runner.withPropertyValues("management.endpoints.web.exposure.include=launcher")
			.withBean("userEndpoint", LauncherEndpoint.class, () -> own)
			.run((context) -> assertThat(context).getBean(LauncherEndpoint.class).isSameAs(own));
	}

	@Test
	void theRefreshEndpointBecomesAReloadWhereSpringCloudsIsExposed() {
		ApplicationContextRunner cloud = this.runner.withConfiguration(AutoConfigurations.of(
				ReloadTriggerAutoConfiguration.class, RefreshAutoConfiguration.class,
				ConfigurationPropertiesRebinderAutoConfiguration.class, RefreshEndpointAutoConfiguration.class));
		cloud.run((context) -> assertThat(context).hasNotFailed()
			.hasSingleBean(CoordinatedContextRefresher.class)
			.doesNotHaveBean(RefreshEndpointWebExtension.class));
		cloud.withPropertyValues("management.endpoints.web.exposure.include=refresh")
			.run((context) -> assertThat(context).hasSingleBean(RefreshEndpointWebExtension.class));
		this.runner.withConfiguration(AutoConfigurations.of(ReloadTriggerAutoConfiguration.class))
			.withPropertyValues("management.endpoints.web.exposure.include=refresh")
			.withClassLoader(new FilteredClassLoader("org.springframework.cloud"))
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(CoordinatedContextRefresher.class)
				.doesNotHaveBean(RefreshEndpointWebExtension.class));
		cloud
			.withPropertyValues("management.endpoints.web.exposure.include=refresh",
					"spring.cloud.refresh.enabled=false")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(CoordinatedContextRefresher.class)
				.doesNotHaveBean(RefreshEndpointWebExtension.class));
	}

}
