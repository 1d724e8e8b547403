package dev.oslo.service.autoconfigure;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import dev.oslo.service.ControllableService;
import dev.oslo.service.RecordingExit;
import dev.oslo.service.internal.ProcessExit;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every auto-configuration of the starter starts cleanly when any one of the others is
 * excluded, as {@code spring.autoconfigure.exclude} lets a user do.
 */
class AutoConfigurationExclusionTests {

	private static final List<Class<?>> ALL = List.of(OsloServiceAutoConfiguration.class,
			SystemdAutoConfiguration.class, PeriodicTaskAutoConfiguration.class,
			PeriodicTaskActuatorAutoConfiguration.class, ClusterLockAutoConfiguration.class,
			LauncherEndpointAutoConfiguration.class, LauncherHealthContributorAutoConfiguration.class,
			LauncherMetricsAutoConfiguration.class, OsloServiceObservationAutoConfiguration.class);

	static Stream<Class<?>> excluded() {
		return ALL.stream();
	}

	@ParameterizedTest(name = "without {0}")
	@MethodSource("excluded")
	void theOthersStartCleanly(Class<?> excluded) {
		List<Class<?>> others = new ArrayList<>(ALL);
		others.remove(excluded);
		new ApplicationContextRunner().withConfiguration(AutoConfigurations.of(DataSourceAutoConfiguration.class))
			.withConfiguration(AutoConfigurations.of(others.toArray(Class<?>[]::new)))
			.withBean(ProcessExit.class, RecordingExit::new)
			.withBean(ControllableService.class)
			.withPropertyValues("oslo.service.signals.enabled=false", "oslo.service.log-options=false",
					"spring.datasource.url=jdbc:h2:mem:exclusion;DB_CLOSE_DELAY=-1",
					"management.endpoints.web.exposure.include=launcher,periodictasks")
			.run((context) -> assertThat(context).hasNotFailed());
	}

}
