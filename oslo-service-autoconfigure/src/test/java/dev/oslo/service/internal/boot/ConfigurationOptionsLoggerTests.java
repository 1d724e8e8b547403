package dev.oslo.service.internal.boot;

import java.time.Duration;
import java.util.List;

import dev.oslo.service.autoconfigure.OsloServiceAutoConfiguration;
import dev.oslo.service.autoconfigure.OsloServiceProperties;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.SanitizingFunction;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.mock.env.MockEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

class ConfigurationOptionsLoggerTests {

	private final ApplicationContextRunner contextRunner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OsloServiceAutoConfiguration.class))
		.withPropertyValues("oslo.service.signals.enabled=false")
		.withInitializer((context) -> context.getEnvironment()
			.getPropertySources()
			.addFirst(new SimpleCommandLinePropertySource("--app.customer-id=42", "--app.name=demo",
					"--db.password=hunter2")));

	@Test
	void writesPeriodicTaskOverridesKeyByKey() {
		OsloServiceProperties properties = new OsloServiceProperties();
		OsloServiceProperties.TaskOverride override = new OsloServiceProperties.TaskOverride();
		override.setSpacing(Duration.ofSeconds(5));
		properties.getPeriodic().getTasks().put("report", override);
		assertThat(new ConfigurationOptionsLogger("oslo.service", properties, new MockEnvironment(),
				OptionValueSanitizer.NONE)
			.options()).containsEntry("oslo.service.periodic.tasks.report.spacing", "5s")
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
		assertThat(new ConfigurationOptionsLogger("oslo.service", properties, environment, OptionValueSanitizer.NONE)
			.options()).containsEntry("db.password", "******")
			.containsEntry("api.token", "******")
			.containsEntry("app.name", "demo")
			.containsEntry("oslo.service.graceful-shutdown-timeout", "60s");
	}

	@Test
	void masksThePasswordInsideAUri() {
		assertThat(
				ConfigurationOptionsLogger.mask("spring.rabbitmq.addresses", "amqp://rabbit:rabbitpw@mq.example:5672"))
			.isEqualTo("amqp://rabbit:******@mq.example:5672");
		assertThat(ConfigurationOptionsLogger.mask("spring.rabbitmq.addresses",
				"amqp://a:pw1@mq1:5672,amqp://b:pw2@mq2:5672"))
			.isEqualTo("amqp://a:******@mq1:5672,amqp://b:******@mq2:5672");
		assertThat(ConfigurationOptionsLogger.mask("spring.datasource.url",
				"jdbc:postgresql://app:s3cret@db.example:5432/app"))
			.isEqualTo("jdbc:postgresql://app:******@db.example:5432/app");
	}

	@Test
	void masksSecretParametersOfAConnectionString() {
		assertThat(ConfigurationOptionsLogger.mask("spring.datasource.url",
				"jdbc:postgresql://db/app?user=app&password=s3cret&ssl=true"))
			.isEqualTo("jdbc:postgresql://db/app?user=app&password=******&ssl=true");
		assertThat(ConfigurationOptionsLogger.mask("app.search", "https://search.example/q?apikey=abc123"))
			.isEqualTo("https://search.example/q?apikey=******");
	}

	@Test
	void leavesValuesWithoutCredentialsAlone() {
		assertThat(ConfigurationOptionsLogger.mask("app.endpoint", "https://example.com:8443/path?page=2"))
			.isEqualTo("https://example.com:8443/path?page=2");
		assertThat(ConfigurationOptionsLogger.mask("app.peer", "http://[::1]:8080/status"))
			.isEqualTo("http://[::1]:8080/status");
	}

	@Test
	void theWholeLogMasksUrlCredentials() {
		MockEnvironment environment = new MockEnvironment();
		environment.getPropertySources()
			.addFirst(new SimpleCommandLinePropertySource(
					"--spring.rabbitmq.addresses=amqp://rabbit:rabbitpw@mq.example:5672"));
		assertThat(new ConfigurationOptionsLogger("oslo.service", new OsloServiceProperties(), environment,
				OptionValueSanitizer.NONE)
			.options()).containsEntry("spring.rabbitmq.addresses", "amqp://rabbit:******@mq.example:5672");
	}

	@Test
	void theApplicationsSanitizingFunctionsMaskTooAfterTheBuiltInRules() {
		SanitizingFunction customerIds = SanitizingFunction.sanitizeValue().ifKeyEquals("app.customer-id");
		SanitizingFunction githubTokens = SanitizingFunction.sanitizeValue().ifValueStringMatches("^ghp_\\w+$");
		MockEnvironment environment = new MockEnvironment();
		environment.getPropertySources()
			.addFirst(new SimpleCommandLinePropertySource("--app.customer-id=42", "--app.hook=ghp_abc123",
					"--app.name=demo", "--spring.datasource.url=jdbc:postgresql://app:s3cret@db/app"));
		assertThat(new ConfigurationOptionsLogger("oslo.service", new OsloServiceProperties(), environment,
				new SanitizingFunctionsSanitizer(List.of(customerIds, githubTokens)))
			.options()).containsEntry("app.customer-id", "******")
			.containsEntry("app.hook", "******")
			.containsEntry("app.name", "demo")
			.containsEntry("spring.datasource.url", "jdbc:postgresql://app:******@db/app");
	}

	@Test
	void theAutoConfigurationHandsTheSanitizingFunctionBeansToTheLog() {
		this.contextRunner
			.withBean(SanitizingFunction.class, () -> SanitizingFunction.sanitizeValue().ifKeyEquals("app.customer-id"))
			.run((context) -> assertThat(context.getBean(ConfigurationOptionsLogger.class).options())
				.containsEntry("app.customer-id", "******")
				.containsEntry("app.name", "demo"));
	}

	@Test
	void withoutActuatorTheBuiltInRulesStillMask() {
		this.contextRunner.withClassLoader(new FilteredClassLoader(SanitizingFunction.class))
			.run((context) -> assertThat(context.getBean(ConfigurationOptionsLogger.class).options())
				.containsEntry("app.customer-id", "42")
				.containsEntry("db.password", "******"));
	}

}
