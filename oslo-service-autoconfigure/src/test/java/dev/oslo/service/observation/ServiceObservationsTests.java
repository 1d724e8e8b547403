package dev.oslo.service.observation;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.oslo.service.LauncherConfig;
import dev.oslo.service.RestartMethod;
import dev.oslo.service.ServiceBase;
import dev.oslo.service.ServiceLauncher;
import dev.oslo.service.ServiceStartException;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Every start and stop of a service is one {@code oslo.service.service} observation,
 * current while the service works.
 */
class ServiceObservationsTests {

	private static final LauncherConfig CONFIG = LauncherConfig.DEFAULTS
		.withGracefulShutdownTimeout(Duration.ofSeconds(5))
		.withHandleSignals(false);

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	private final ServiceLauncher launcher = new ServiceLauncher(() -> CONFIG, new ServiceObservations(this.registry));

	@Test
	void startAndStopAreObservedAndCurrentWhileTheServiceWorks() {
		ObservingService service = new ObservingService(this.registry);

		this.launcher.launchService("consumer", service);
		this.launcher.stop();

		assertThat(service.current.get("start").getContext().getName()).isEqualTo("oslo.service.service");
		assertThat(service.current.get("stop").getContext().getName()).isEqualTo("oslo.service.service");
		assertThat(service.current.get("awaitTermination")).isSameAs(service.current.get("stop"));
		assertThat(this.registry).hasNumberOfObservationsWithNameEqualTo("oslo.service.service", 2)
			.hasAnObservation((observation) -> observation.hasContextualNameEqualTo("service start consumer")
				.hasLowCardinalityKeyValue("name", "consumer")
				.hasLowCardinalityKeyValue("operation", "start")
				.hasLowCardinalityKeyValue("outcome", "success")
				.doesNotHaveError())
			.hasAnObservation((observation) -> observation.hasContextualNameEqualTo("service stop consumer")
				.hasLowCardinalityKeyValue("operation", "stop")
				.hasLowCardinalityKeyValue("outcome", "success"));
	}

	@Test
	void aFailedStartIsObservedWithWhatTheServiceThrew() {
		ObservingService service = new ObservingService(this.registry);
		service.failOnStart = true;

		assertThatExceptionOfType(ServiceStartException.class)
			.isThrownBy(() -> this.launcher.launchService("consumer", service));

		assertThat(this.registry).hasSingleObservationThat()
			.hasLowCardinalityKeyValue("name", "consumer")
			.hasLowCardinalityKeyValue("operation", "start")
			.hasLowCardinalityKeyValue("outcome", "failure")
			.assertThatError()
			.hasMessage("cannot start");
	}

	@Test
	void aStopAskedForWithinAnObservationNestsInItThoughItRunsOnAThreadOfItsOwn() {
		ObservingService service = new ObservingService(this.registry);
		this.launcher.launchService("consumer", service);
		Observation reload = Observation.start("oslo.service.reload", this.registry);

		try (Observation.Scope scope = reload.openScope()) {
			this.launcher.restart(RestartMethod.RELOAD);
		}
		reload.stop();
		this.launcher.stop();

		assertThat(service.thread.get("stop")).startsWith("oslo-stop-consumer");
		assertThat(this.registry).hasNumberOfObservationsWithNameEqualTo("oslo.service.service", 4);
		assertThat(this.registry).hasHandledContextsThatSatisfy(
				(contexts) -> assertThat(contexts).filteredOn((context) -> context.getParentObservation() == reload)
					.extracting((context) -> context.getLowCardinalityKeyValue("operation").getValue())
					.containsExactly("stop", "start"));
	}

	@Test
	void servicesRunAsUsualWithTheNoopRegistry() {
		ServiceLauncher noop = new ServiceLauncher(() -> CONFIG, new ServiceObservations(ObservationRegistry.NOOP));
		ObservingService service = new ObservingService(ObservationRegistry.NOOP);

		noop.launchService("consumer", service);
		noop.stop();

		assertThat(service.thread).containsKeys("start", "stop", "awaitTermination");
	}

	/**
	 * Records the observation current in each of its calls, and the thread.
	 */
	private static final class ObservingService implements ServiceBase {

		private final ObservationRegistry registry;

		private final Map<String, Observation> current = new ConcurrentHashMap<>();

		private final Map<String, String> thread = new ConcurrentHashMap<>();

		private volatile boolean failOnStart;

		ObservingService(ObservationRegistry registry) {
			this.registry = registry;
		}

		@Override
		public void start() {
			record("start");
			if (this.failOnStart) {
				throw new IllegalStateException("cannot start");
			}
		}

		@Override
		public void stop() {
			record("stop");
		}

		@Override
		public void awaitTermination() {
			record("awaitTermination");
		}

		private void record(String call) {
			this.thread.put(call, Thread.currentThread().getName());
			Observation observation = this.registry.getCurrentObservation();
			if (observation != null) {
				this.current.put(call, observation);
			}
		}

	}

}
