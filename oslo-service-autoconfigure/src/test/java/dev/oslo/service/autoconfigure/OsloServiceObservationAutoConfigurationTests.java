package dev.oslo.service.autoconfigure;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.oslo.service.ControllableService;
import dev.oslo.service.RecordingExit;
import dev.oslo.service.ServiceCallDecorator;
import dev.oslo.service.ServiceLauncher;
import dev.oslo.service.ServiceState;
import dev.oslo.service.actuate.PeriodicTaskTimer;
import dev.oslo.service.internal.ProcessExit;
import dev.oslo.service.observation.DefaultPeriodicTaskObservationConvention;
import dev.oslo.service.observation.DefaultServiceObservationConvention;
import dev.oslo.service.observation.PeriodicTaskObservationConvention;
import dev.oslo.service.observation.PeriodicTaskObservations;
import dev.oslo.service.observation.ServiceObservationConvention;
import dev.oslo.service.observation.ReloadObservations;
import dev.oslo.service.observation.ServiceObservations;
import dev.oslo.service.periodic.TaskRunDecorator;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.observation.ObservationRegistry;
import io.micrometer.observation.tck.TestObservationRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsAutoConfiguration;
import org.springframework.boot.micrometer.metrics.autoconfigure.export.simple.SimpleMetricsExportAutoConfiguration;
import org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.context.ApplicationContext;

import static io.micrometer.observation.tck.TestObservationRegistryAssert.assertThat;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class OsloServiceObservationAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(OsloServiceAutoConfiguration.class, PeriodicTaskAutoConfiguration.class,
						PeriodicTaskActuatorAutoConfiguration.class, OsloServiceObservationAutoConfiguration.class))
		.withBean(ProcessExit.class, RecordingExit::new)
		.withBean("consumer", ControllableService.class)
		.withBean(PeriodicTaskAutoConfigurationTests.Tasks.class)
		.withPropertyValues("oslo.service.signals.enabled=false", "oslo.service.log-options=false",
				"oslo.service.periodic.jitter=false", "tasks.fast=20ms");

	@Test
	void servicesAndPeriodicTasksAreObservedInTheApplicationsRegistry() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		this.runner.withBean(ObservationRegistry.class, () -> registry).run((context) -> {
			assertThat(context).hasSingleBean(PeriodicTaskObservations.class)
				.hasSingleBean(ServiceObservations.class)
				.hasSingleBean(ReloadObservations.class);
			await().untilAsserted(() -> assertThat(registry)
				.hasAnObservation((observation) -> observation.hasNameEqualTo("oslo.service.periodic.task")
					.hasLowCardinalityKeyValue("name", "fast")
					.hasLowCardinalityKeyValue("outcome", "success")));
			assertThat(registry).hasObservationWithNameEqualTo("oslo.service.service")
				.that()
				.hasLowCardinalityKeyValue("name", "consumer")
				.hasLowCardinalityKeyValue("operation", "start")
				.hasLowCardinalityKeyValue("outcome", "success");
		});
		assertThat(registry).hasAnObservation((observation) -> observation.hasNameEqualTo("oslo.service.service")
			.hasLowCardinalityKeyValue("operation", "stop")
			.hasLowCardinalityKeyValue("outcome", "success"));
	}

	@Test
	void withSpringBootsRegistriesTheObservationsAreTheTimersAndThePeriodicTaskTimerBacksOff() {
		this.runner
			.withConfiguration(AutoConfigurations.of(ObservationAutoConfiguration.class, MetricsAutoConfiguration.class,
					CompositeMeterRegistryAutoConfiguration.class, SimpleMetricsExportAutoConfiguration.class))
			.run((context) -> {
				assertThat(context).doesNotHaveBean(PeriodicTaskTimer.class);
				MeterRegistry meters = context.getBean(MeterRegistry.class);
				await().until(() -> meters.find("oslo.service.periodic.task").tag("name", "fast").timer() != null);
				Timer run = meters.get("oslo.service.periodic.task").tag("name", "fast").timer();
				assertThat(run.getId().getTag("outcome")).isEqualTo("success");
				assertThat(run.getId().getTag("error")).isEqualTo("none");
				assertThat(meters.get("oslo.service.service")
					.tag("name", "consumer")
					.tag("operation", "start")
					.tag("outcome", "success")
					.timer()
					.count()).isOne();
			});
	}

	@Test
	void backsOffWithoutAnObservationRegistryAndTheServicesStillRun() {
		this.runner.run((context) -> {
			assertThat(context).doesNotHaveBean(PeriodicTaskObservations.class)
				.doesNotHaveBean(ServiceObservations.class);
			assertServicesAndTasksRun(context);
		});
	}

	@Test
	void backsOffWithoutMicrometerOnTheClasspathAndTheServicesAndTasksStillRun() {
		this.runner.withClassLoader(new FilteredClassLoader("io.micrometer")).run((context) -> {
			assertThat(context).hasNotFailed()
				.doesNotHaveBean(PeriodicTaskObservations.class)
				.doesNotHaveBean(ServiceObservations.class);
			assertServicesAndTasksRun(context);
		});
	}

	@Test
	void theNoopRegistryObservesNothingAndChangesNothing() {
		this.runner.withBean(ObservationRegistry.class, () -> ObservationRegistry.NOOP).run((context) -> {
			assertServicesAndTasksRun(context);
		});
	}

	@Test
	void theUsersConventionsNameTheObservations() {
		TestObservationRegistry registry = TestObservationRegistry.create();
		this.runner.withBean(ObservationRegistry.class, () -> registry)
			.withBean(PeriodicTaskObservationConvention.class, () -> new DefaultPeriodicTaskObservationConvention() {

				@Override
				public String getName() {
					return "billing.task";
				}

			})
			.withBean(ServiceObservationConvention.class, () -> new DefaultServiceObservationConvention() {

				@Override
				public String getName() {
					return "billing.service";
				}

			})
			.run((context) -> {
				await().untilAsserted(() -> assertThat(registry).hasObservationWithNameEqualTo("billing.task"));
				assertThat(registry).hasObservationWithNameEqualTo("billing.service")
					.that()
					.hasLowCardinalityKeyValue("name", "consumer");
			});
	}

	@Test
	void theUsersOwnDecoratorsReplaceTheObservations() {
		AtomicInteger runs = new AtomicInteger();
		List<String> calls = new CopyOnWriteArrayList<>();
		TaskRunDecorator countingRuns = (task, attempt) -> () -> {
			runs.incrementAndGet();
			return attempt.get();
		};
		ServiceCallDecorator recordingCalls = (service, operation, call) -> {
			calls.add(service + " " + operation);
			return call;
		};
		this.runner.withBean(ObservationRegistry.class, TestObservationRegistry::create)
			.withBean(TaskRunDecorator.class, () -> countingRuns)
			.withBean(ServiceCallDecorator.class, () -> recordingCalls)
			.run((context) -> {
				assertThat(context).doesNotHaveBean(PeriodicTaskObservations.class)
					.doesNotHaveBean(ServiceObservations.class);
				await().until(() -> runs.get() >= 2);
				assertThat(calls).containsExactly("consumer START");
				assertThat((TestObservationRegistry) context.getBean(ObservationRegistry.class))
					.doesNotHaveAnyObservation();
			});
	}

	private static void assertServicesAndTasksRun(ApplicationContext context) {
		assertThat(context.getBean(ServiceLauncher.class).snapshot().serviceNamesIn(ServiceState.RUNNING))
			.containsExactly("consumer");
		PeriodicTaskAutoConfigurationTests.Tasks tasks = context
			.getBean(PeriodicTaskAutoConfigurationTests.Tasks.class);
		await().until(() -> tasks.fast.get() >= 2);
	}

}
