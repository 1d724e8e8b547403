package dev.oslo.service.internal.boot;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.WebApplicationType;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Who serves HTTP in a master: the settings it puts above the application's own.
 */
class MultiProcessEnvironmentPostProcessorTests {

	private final MultiProcessEnvironmentPostProcessor postProcessor = new MultiProcessEnvironmentPostProcessor();

	@Test
	void aMasterOfAWebApplicationLeavesTheApplicationPortToItsWorkersAndServesNoHttp() {
		StandardEnvironment environment = environment(Map.of("oslo.service.workers", "2"));
		this.postProcessor.postProcessEnvironment(environment, application(WebApplicationType.SERVLET));
		assertThat(environment.getProperty("spring.main.web-application-type")).isEqualTo("none");
		assertThat(MultiProcessHttp.sharesListeningSocket(environment)).isTrue();
	}

	@Test
	void aMasterWithAManagementPortServesActuatorThereAndNotTheApplicationPort() {
		StandardEnvironment environment = environment(
				Map.of("oslo.service.workers", "2", "server.port", "8080", "management.server.port", "8081"));
		this.postProcessor.postProcessEnvironment(environment, application(WebApplicationType.SERVLET));
		assertThat(environment.getProperty("server.port")).isEqualTo("-1");
		assertThat(environment.getProperty("management.server.port")).isEqualTo("8081");
		assertThat(environment.getProperty("spring.main.web-application-type")).isNull();
		assertThat(MultiProcessHttp.sharesListeningSocket(environment)).isTrue();
	}

	@Test
	void aManagementPortEqualToTheApplicationPortIsNotAPortOfItsOwn() {
		StandardEnvironment environment = environment(
				Map.of("oslo.service.workers", "2", "server.port", "9000", "management.server.port", "9000"));
		this.postProcessor.postProcessEnvironment(environment, application(WebApplicationType.SERVLET));
		assertThat(environment.getProperty("spring.main.web-application-type")).isEqualTo("none");
	}

	@Test
	void aMasterOfADaemonWithoutHttpIsLeftAlone() {
		StandardEnvironment configuredNone = environment(
				Map.of("oslo.service.workers", "2", "spring.main.web-application-type", "none"));
		this.postProcessor.postProcessEnvironment(configuredNone, application(WebApplicationType.SERVLET));
		assertThat(MultiProcessHttp.sharesListeningSocket(configuredNone)).isFalse();

		StandardEnvironment deducedNone = environment(Map.of("oslo.service.workers", "2"));
		this.postProcessor.postProcessEnvironment(deducedNone, application(WebApplicationType.NONE));
		assertThat(MultiProcessHttp.sharesListeningSocket(deducedNone)).isFalse();
		assertThat(deducedNone.getProperty("spring.main.web-application-type")).isNull();

		StandardEnvironment noPort = environment(Map.of("oslo.service.workers", "2", "server.port", "-1"));
		this.postProcessor.postProcessEnvironment(noPort, application(WebApplicationType.SERVLET));
		assertThat(MultiProcessHttp.sharesListeningSocket(noPort)).isFalse();
	}

	@Test
	void aSingleProcessIsLeftAlone() {
		StandardEnvironment environment = environment(Map.of("management.server.port", "8081"));
		this.postProcessor.postProcessEnvironment(environment, application(WebApplicationType.SERVLET));
		assertThat(environment.getPropertySources().stream().map((source) -> source.getName()))
			.doesNotContain(MultiProcessHttp.MASTER_PROPERTY_SOURCE, MultiProcessHttp.WORKER_PROPERTY_SOURCE);
		assertThat(environment.getProperty("server.port")).isNull();
	}

	private static StandardEnvironment environment(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources().addFirst(new MapPropertySource("test", properties));
		return environment;
	}

	private static SpringApplication application(WebApplicationType type) {
		SpringApplication application = new SpringApplication();
		application.setWebApplicationType(type);
		return application;
	}

}
