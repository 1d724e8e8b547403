package dev.oslo.service.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.oslo.service.ControllableService;
import dev.oslo.service.RecordingExit;
import dev.oslo.service.internal.ProcessExit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.context.annotation.ImportCandidates;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.cloud.autoconfigure.ConfigurationPropertiesRebinderAutoConfiguration;
import org.springframework.cloud.autoconfigure.RefreshAutoConfiguration;
import org.springframework.cloud.autoconfigure.RefreshEndpointAutoConfiguration;
import org.springframework.util.ClassUtils;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every auto-configuration of the starter starts cleanly when any one of the others is
 * excluded, as {@code spring.autoconfigure.exclude} lets a user do.
 */
class AutoConfigurationExclusionTests {

	/** Every auto-configuration the starter registers. */
	private static final List<String> ALL = ImportCandidates
		.load(AutoConfiguration.class, AutoConfigurationExclusionTests.class.getClassLoader())
		.getCandidates()
		.stream()
		.filter((name) -> name.startsWith("dev.oslo.service."))
		.toList();

	static Stream<String> excluded() {
		return ALL.stream();
	}

	@Test
	void everyAutoConfigurationIsCovered() {
		assertThat(ALL).hasSizeGreaterThanOrEqualTo(9).contains(OsloServiceAutoConfiguration.class.getName());
	}

	@ParameterizedTest(name = "without {0}")
	@MethodSource("excluded")
	void theOthersStartCleanly(String excluded) {
		List<String> others = new ArrayList<>(ALL);
		others.remove(excluded);
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class, RefreshAutoConfiguration.class,
					ConfigurationPropertiesRebinderAutoConfiguration.class, RefreshEndpointAutoConfiguration.class))
			.withConfiguration(AutoConfigurations
				.of(others.stream().map(AutoConfigurationExclusionTests::load).toArray(Class<?>[]::new)))
			.withBean(ProcessExit.class, RecordingExit::new)
			.withBean(ControllableService.class)
			.withPropertyValues("oslo.service.signals.enabled=false", "oslo.service.log-options=false",
					"spring.datasource.url=jdbc:h2:mem:exclusion;DB_CLOSE_DELAY=-1",
					"management.endpoints.web.exposure.include=launcher,periodictasks,refresh")
			.run((context) -> assertThat(context).hasNotFailed());
	}

	private static Class<?> load(String name) {
		return ClassUtils.resolveClassName(name, AutoConfigurationExclusionTests.class.getClassLoader());
	}

}
