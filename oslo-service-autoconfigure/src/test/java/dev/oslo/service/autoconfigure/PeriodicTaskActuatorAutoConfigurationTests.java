package dev.oslo.service.autoconfigure;

import dev.oslo.service.actuate.PeriodicTaskTimer;
import dev.oslo.service.actuate.PeriodicTasksEndpoint;
import dev.oslo.service.periodic.PeriodicTaskScheduler;
import dev.oslo.service.periodic.PeriodicTaskSnapshot;
import dev.oslo.service.periodic.TaskRunListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PeriodicTaskActuatorAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OsloServiceAutoConfiguration.class,
				PeriodicTaskAutoConfiguration.class, PeriodicTaskActuatorAutoConfiguration.class))
		.withPropertyValues("oslo.service.signals.enabled=false", "oslo.service.log-options=false",
				"oslo.service.periodic.jitter=false");

	@Test
	void theEndpointListsTasksAndRunsOneNowOnceEnabled() {
		this.runner.withBean(PeriodicTaskAutoConfigurationTests.Tasks.class)
			.withPropertyValues("tasks.fast=1h", "management.endpoints.web.exposure.include=periodictasks")
			.run((context) -> {
				PeriodicTasksEndpoint endpoint = context.getBean(PeriodicTasksEndpoint.class);
				assertThat(endpoint.periodicTasks().tasks()).extracting(PeriodicTaskSnapshot::name)
					.contains("fast", "renamed", "external", "disabledTask");
				assertThat(endpoint.run("fast").ran()).isTrue();
				assertThat(context.getBean(PeriodicTaskAutoConfigurationTests.Tasks.class).fast).hasValue(1);
			});
	}

	@Test
	void runsAreTimedInTheMeterRegistry() {
		this.runner.withBean(PeriodicTaskAutoConfigurationTests.Tasks.class)
			.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withPropertyValues("tasks.fast=30ms")
			.run((context) -> {
				MeterRegistry registry = context.getBean(MeterRegistry.class);
				await().until(() -> registry.find("oslo.service.periodic.task").tag("name", "fast").timer() != null
						&& registry.get("oslo.service.periodic.task")
							.tag("name", "fast")
							.tag("outcome", "success")
							.timer()
							.count() >= 2);
			});
	}

	@Test
	void backsOffWithoutActuatorOrMicrometer() {
		this.runner.withBean(MeterRegistry.class, SimpleMeterRegistry::new)
			.withClassLoader(new FilteredClassLoader("org.springframework.boot.actuate.endpoint", "io.micrometer"))
			.withPropertyValues("management.endpoints.web.exposure.include=periodictasks")
			.run((context) -> assertThat(context).hasNotFailed()
				.doesNotHaveBean(PeriodicTasksEndpoint.class)
				.doesNotHaveBean(PeriodicTaskTimer.class));
	}

	@Test
	void backsOffWhenTheUserDefinesTheEndpointAndTheTimer() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		PeriodicTaskTimer timer = new PeriodicTaskTimer(registry);
		ThreadPoolTaskScheduler threads = new ThreadPoolTaskScheduler();
		PeriodicTasksEndpoint endpoint = new PeriodicTasksEndpoint(
				new PeriodicTaskScheduler(threads, threads.getClock(), () -> 0, TaskRunListener.NONE));
		this.runner.withBean(MeterRegistry.class, () -> registry)
			.withBean("userTimer", PeriodicTaskTimer.class, () -> timer)
			.withBean("userEndpoint", PeriodicTasksEndpoint.class, () -> endpoint)
			.withPropertyValues("management.endpoints.web.exposure.include=periodictasks")
			.run((context) -> {
				assertThat(context).getBean(PeriodicTaskTimer.class).isSameAs(timer);
				assertThat(context).getBean(PeriodicTasksEndpoint.class).isSameAs(endpoint);
			});
	}

}
