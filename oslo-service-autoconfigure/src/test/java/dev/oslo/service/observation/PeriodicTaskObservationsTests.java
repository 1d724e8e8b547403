package dev.oslo.service.observation;

import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

import dev.oslo.service.periodic.ClusterLock;
import dev.oslo.service.periodic.PeriodicTaskScheduler;
import dev.oslo.service.periodic.TaskRunListener;
import dev.oslo.service.periodic.TaskSettings;
import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Every attempt to run a periodic task is one {@code oslo.service.periodic.task}
 * observation, current while the task works.
 */
class PeriodicTaskObservationsTests {

	private static final TaskSettings.SingletonLock SINGLETON = new TaskSettings.SingletonLock(Duration.ofSeconds(20),
			Duration.ZERO);

	private final TestObservationRegistry registry = TestObservationRegistry.create();

	private final ThreadPoolTaskScheduler threads = new ThreadPoolTaskScheduler();

	private final AtomicReference<@Nullable Observation> currentInTask = new AtomicReference<>();

	private final AtomicReference<@Nullable String> threadOfTask = new AtomicReference<>();

	private volatile Optional<ClusterLock.Held> lockAnswer = Optional.of(() -> {
	});

	private volatile @Nullable RuntimeException lockFailure;

	private final ClusterLock lock = (name, atMost, atLeast) -> {
		RuntimeException failure = this.lockFailure;
		if (failure != null) {
			throw failure;
		}
		return this.lockAnswer;
	};

	PeriodicTaskObservationsTests() {
		this.threads.initialize();
	}

	@AfterEach
	void shutdown() {
		this.threads.shutdown();
	}

	@Test
	void aSuccessfulRunIsObservedAndCurrentWhileTheTaskWorks() {
		PeriodicTaskScheduler scheduler = scheduler(new PeriodicTaskObservations(this.registry));
		scheduler.register("cleanup", this::recordCurrent, () -> new TaskSettings(Duration.ofMillis(20), true));
		scheduler.start();

		await().untilAsserted(() -> assertThat(this.currentInTask.get()).isNotNull());
		scheduler.stop(Duration.ofSeconds(5));

		assertThat(this.threadOfTask.get()).startsWith("ThreadPoolTaskScheduler");
		Observation current = this.currentInTask.get();
		assertThat(current.getContext().getName()).isEqualTo("oslo.service.periodic.task");
		assertThat(current.getContext()).isInstanceOf(PeriodicTaskObservationContext.class);
		assertThat(this.registry).hasObservationWithNameEqualTo("oslo.service.periodic.task")
			.that()
			.hasContextualNameEqualTo("periodic task cleanup")
			.hasLowCardinalityKeyValue("name", "cleanup")
			.hasLowCardinalityKeyValue("outcome", "success")
			.doesNotHaveError()
			.hasBeenStarted()
			.hasBeenStopped();
	}

	@Test
	void aFailedRunIsObservedWithWhatTheTaskThrew() {
		IllegalStateException boom = new IllegalStateException("boom");
		PeriodicTaskScheduler scheduler = scheduler(new PeriodicTaskObservations(this.registry));
		scheduler.register("report", () -> {
			throw boom;
		}, () -> new TaskSettings(Duration.ofHours(1), false));

		assertThat(scheduler.runNow("report")).isTrue();

		assertThat(this.registry).hasSingleObservationThat()
			.hasNameEqualTo("oslo.service.periodic.task")
			.hasLowCardinalityKeyValue("name", "report")
			.hasLowCardinalityKeyValue("outcome", "failure")
			.hasError(boom)
			.hasBeenStopped();
	}

	@Test
	void aClusterSingletonRunIsObservedAroundItsLockAndItsWork() {
		PeriodicTaskScheduler scheduler = scheduler(new PeriodicTaskObservations(this.registry));
		scheduler.register("singleton", this::recordCurrent,
				() -> new TaskSettings(Duration.ofHours(1), false, SINGLETON));

		assertThat(scheduler.runNow("singleton")).isTrue();

		assertThat(this.currentInTask.get()).isNotNull();
		assertThat(this.registry).hasSingleObservationThat()
			.hasLowCardinalityKeyValue("name", "singleton")
			.hasLowCardinalityKeyValue("outcome", "success");
	}

	@Test
	void aRunSkippedBecauseAnotherReplicaHoldsTheLockIsObservedAsLocked() {
		this.lockAnswer = Optional.empty();
		PeriodicTaskScheduler scheduler = scheduler(new PeriodicTaskObservations(this.registry));
		scheduler.register("singleton", this::recordCurrent,
				() -> new TaskSettings(Duration.ofHours(1), false, SINGLETON));

		assertThat(scheduler.runNow("singleton")).isFalse();

		assertThat(this.currentInTask.get()).isNull();
		assertThat(this.registry).hasSingleObservationThat()
			.hasLowCardinalityKeyValue("name", "singleton")
			.hasLowCardinalityKeyValue("outcome", "locked")
			.doesNotHaveError()
			.hasBeenStopped();
	}

	@Test
	void aRunSkippedBecauseTheLockCannotBeReachedIsObservedAsLockUnavailable() {
		this.lockFailure = new IllegalStateException("Could not open JDBC Connection");
		PeriodicTaskScheduler scheduler = scheduler(new PeriodicTaskObservations(this.registry));
		scheduler.register("singleton", this::recordCurrent,
				() -> new TaskSettings(Duration.ofHours(1), false, SINGLETON));

		assertThat(scheduler.runNow("singleton")).isFalse();

		assertThat(this.registry).hasSingleObservationThat()
			.hasLowCardinalityKeyValue("outcome", "lock-unavailable")
			.doesNotHaveError()
			.hasBeenStopped();
	}

	@Test
	void aRunAskedForWhileAnotherObservationIsCurrentNestsInIt() {
		PeriodicTaskScheduler scheduler = scheduler(new PeriodicTaskObservations(this.registry));
		scheduler.register("cleanup", this::recordCurrent, () -> new TaskSettings(Duration.ofHours(1), false));
		Observation request = Observation.start("http.server.requests", this.registry);

		try (Observation.Scope scope = request.openScope()) {
			scheduler.runNow("cleanup");
		}
		request.stop();

		assertThat(this.registry).hasObservationWithNameEqualTo("oslo.service.periodic.task")
			.that()
			.hasParentObservationEqualTo(request);
	}

	@Test
	void aConventionOfTheUsersNamesTheObservation() {
		PeriodicTaskObservationConvention convention = new DefaultPeriodicTaskObservationConvention() {

			@Override
			public KeyValues getLowCardinalityKeyValues(PeriodicTaskObservationContext context) {
				return super.getLowCardinalityKeyValues(context).and(KeyValue.of("team", "billing"));
			}

		};
		PeriodicTaskScheduler scheduler = scheduler(new PeriodicTaskObservations(this.registry, convention));
		scheduler.register("cleanup", () -> {
		}, () -> new TaskSettings(Duration.ofHours(1), false));

		scheduler.runNow("cleanup");

		assertThat(this.registry).hasSingleObservationThat()
			.hasLowCardinalityKeyValue("team", "billing")
			.hasLowCardinalityKeyValue("outcome", "success");
	}

	@Test
	void tasksRunAsUsualWithTheNoopRegistry() {
		PeriodicTaskScheduler scheduler = scheduler(new PeriodicTaskObservations(ObservationRegistry.NOOP));
		scheduler.register("cleanup", this::recordCurrent, () -> new TaskSettings(Duration.ofHours(1), false));

		assertThat(scheduler.runNow("cleanup")).isTrue();

		assertThat(this.threadOfTask.get()).isNotNull();
	}

	private PeriodicTaskScheduler scheduler(PeriodicTaskObservations observations) {
		return new PeriodicTaskScheduler(this.threads, this.threads.getClock(), () -> 0, TaskRunListener.NONE,
				this.lock, observations);
	}

	private void recordCurrent() {
		this.threadOfTask.set(Thread.currentThread().getName());
		this.currentInTask.set(this.registry.getCurrentObservation());
	}

}
