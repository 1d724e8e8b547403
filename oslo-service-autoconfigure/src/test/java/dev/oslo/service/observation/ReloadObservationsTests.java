package dev.oslo.service.observation;

import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.oslo.service.ControllableService;
import dev.oslo.service.InvalidConfigurationException;
import dev.oslo.service.LauncherConfig;
import dev.oslo.service.ReloadCoordinator;
import dev.oslo.service.ReloadTestSupport;
import dev.oslo.service.ReloadTrigger;
import dev.oslo.service.ServiceLauncher;
import io.micrometer.observation.Observation;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every reload is one {@code oslo.service.reload} observation, current on the reload's
 * thread while the configuration is refreshed and the services restarted.
 */
class ReloadObservationsTests {

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	private final ServiceLauncher launcher = new ServiceLauncher(
			() -> LauncherConfig.DEFAULTS.withGracefulShutdownTimeout(Duration.ofSeconds(5)).withHandleSignals(false),
			new ServiceObservations(this.registry));

	private final List<Observation> currentDuringRefresh = new CopyOnWriteArrayList<>();

	@AfterEach
	void stop() {
		this.launcher.stop();
	}

	@Test
	void aReloadIsObservedWithItsTriggerAndTheServicesRestartsNestInIt() {
		this.launcher.launchService("consumer", new ControllableService());
		ReloadCoordinator reloads = ReloadTestSupport.ready(this.launcher, () -> {
			this.currentDuringRefresh.add(this.registry.getCurrentObservation());
			return Set.of("app.size");
		}, new ReloadObservations(this.registry, null));

		reloads.request(ReloadTrigger.REFRESH_ENDPOINT).join();

		assertThat(this.currentDuringRefresh).singleElement()
			.satisfies(
					(observation) -> assertThat(observation.getContext().getName()).isEqualTo("oslo.service.reload"));
		Observation reload = this.currentDuringRefresh.get(0);
		assertThat(this.registry).hasAnObservation((observation) -> observation.hasNameEqualTo("oslo.service.reload")
			.hasContextualNameEqualTo("configuration reload")
			.hasLowCardinalityKeyValue("trigger", "refresh-endpoint")
			.hasLowCardinalityKeyValue("outcome", "success")
			.doesNotHaveError());
		assertThat(this.registry).hasHandledContextsThatSatisfy(
				(contexts) -> assertThat(contexts).filteredOn((context) -> context.getParentObservation() == reload)
					.extracting((context) -> context.getLowCardinalityKeyValue("operation").getValue())
					.containsExactly("stop", "start"));
		assertThat(this.registry.getCurrentObservation()).isNull();
	}

	@Test
	void aRejectedReloadIsAFailureWithItsError() {
		this.launcher.launchService("consumer", new ControllableService());
		ReloadCoordinator reloads = ReloadTestSupport.ready(this.launcher, () -> {
			throw new InvalidConfigurationException("app.size=\"0\": must be positive");
		}, new ReloadObservations(this.registry, null));

		reloads.request(ReloadTrigger.SIGHUP).join();

		assertThat(this.registry).hasAnObservation((observation) -> observation.hasNameEqualTo("oslo.service.reload")
			.hasLowCardinalityKeyValue("trigger", "sighup")
			.hasLowCardinalityKeyValue("outcome", "failure")
			.assertThatError()
			.hasMessage("app.size=\"0\": must be positive"));
	}

}
