package dev.oslo.service.internal.boot;

import java.time.Duration;

import dev.oslo.service.autoconfigure.OsloServiceProperties;
import org.junit.jupiter.api.Test;

import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigurationOptionsLoggerTests {

	@Test
	void writesPeriodicTaskOverridesKeyByKey() {
		OsloServiceProperties properties = new OsloServiceProperties();
		OsloServiceProperties.TaskOverride override = new OsloServiceProperties.TaskOverride();
		override.setSpacing(Duration.ofSeconds(5));
		properties.getPeriodic().getTasks().put("report", override);
		assertThat(new ConfigurationOptionsLogger("oslo.service", properties, new MockEnvironment()).options())
			.containsEntry("oslo.service.periodic.tasks.report.spacing", "5s")
			.containsEntry("oslo.service.periodic.default-spacing", "60s")
			.doesNotContainKey("oslo.service.periodic.tasks.report.enabled");
	}

	@Test
	void masksSecretsInTheApplicationsOwnKeys() {
		OsloServiceProperties properties = new OsloServiceProperties();
		MockEnvironment environment = new MockEnvironment();
		environment.getPropertySources()
			.addFirst(
					new SimpleCommandLinePropertySource("--db.password=hunter2", "--api.token=abc", "--app.name=demo"));
		assertThat(new ConfigurationOptionsLogger("oslo.service", properties, environment).options())
			.containsEntry("db.password", "******")
			.containsEntry("api.token", "******")
			.containsEntry("app.name", "demo")
			.containsEntry("oslo.service.graceful-shutdown-timeout", "60s");
	}

}
