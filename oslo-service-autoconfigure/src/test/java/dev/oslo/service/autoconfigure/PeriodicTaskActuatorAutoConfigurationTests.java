package dev.oslo.service.autoconfigure;

import dev.oslo.service.actuate.PeriodicTaskTimer;
import dev.oslo.service.actuate.PeriodicTasksEndpoint;
import dev.oslo.service.actuate.PeriodicTasksEndpoint.PeriodicTaskDescriptor;
import dev.oslo.service.actuate.PeriodicTasksEndpointWebExtension;
import dev.oslo.service.periodic.PeriodicTaskScheduler;
import dev.oslo.service.periodic.TaskRunListener;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import net.javacrumbs.shedlock.core.LockProvider;
import org.junit.jupiter.api.Test;

import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
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
				assertThat(endpoint.periodicTasks().tasks()).extracting(PeriodicTaskDescriptor::name)
					.contains("fast", "renamed", "external", "disabledTask");
				assertThat(endpoint.run("fast").ran()).isTrue();
				assertThat(context.getBean(PeriodicTaskAutoConfigurationTests.Tasks.class).fast).hasValue(1);
			});
	}

	@Test
	void durationsAreWrittenAsInThePropertiesAndARunKeepsItsPrecision() {
		this.runner.withBean(PeriodicTaskAutoConfigurationTests.Tasks.class)
			.withPropertyValues("tasks.fast=1h", "oslo.service.periodic.tasks.renamed.spacing=1500ms",
					"management.endpoints.web.exposure.include=periodictasks")
			.run((context) -> {
				PeriodicTasksEndpoint endpoint = context.getBean(PeriodicTasksEndpoint.class);
				assertThat(endpoint.periodicTask("fast").spacing()).isEqualTo("3600s");
				assertThat(endpoint.periodicTask("renamed").spacing()).isEqualTo("1500ms");
				assertThat(endpoint.periodicTask("fast").lastDuration()).isNull();
				PeriodicTaskDescriptor ran = endpoint.run("fast").task();
				assertThat(ran.lastDuration()).matches("[1-9][0-9]*(ms|us|ns)|[0-9]+s");
				assertThat(ran.successTime()).isEqualTo(ran.lastDuration());
				assertThat(ran.failureTime()).isEqualTo("0s");
			});
	}

	@Test
	void aClusterSingletonsLockLifetimesAreWrittenLikeItsSpacing() {
		this.runner.withConfiguration(AutoConfigurations.of(ClusterLockAutoConfiguration.class))
			.withBean(ClusterLockAutoConfigurationTests.Singleton.class)
			.withBean(LockProvider.class, ClusterLockAutoConfigurationTests.RecordingProvider::new)
			.withPropertyValues("oslo.service.periodic.tasks.report.lock-at-most-for=40s",
					"oslo.service.periodic.tasks.report.lock-at-least-for=16s",
					"management.endpoints.web.exposure.include=periodictasks")
			.run((context) -> {
				PeriodicTaskDescriptor report = context.getBean(PeriodicTasksEndpoint.class).periodicTask("report");
				assertThat(report.spacing()).isEqualTo("3600s");
				assertThat(report.singleton().lockAtMostFor()).isEqualTo("40s");
				assertThat(report.singleton().lockAtLeastFor()).isEqualTo("16s");
			});
	}

	@Test
	void oneTaskIsReadByNameAndAnUnknownNameIsNotFound() {
		this.runner.withBean(PeriodicTaskAutoConfigurationTests.Tasks.class)
			.withPropertyValues("tasks.fast=1h", "management.endpoints.web.exposure.include=periodictasks")
			.run((context) -> {
				PeriodicTasksEndpoint endpoint = context.getBean(PeriodicTasksEndpoint.class);
				assertThat(endpoint.periodicTask("fast")).extracting(PeriodicTaskDescriptor::name).isEqualTo("fast");
				assertThat(endpoint.periodicTask("missing")).isNull();
				assertThat(endpoint.run("missing")).isNull();
			});
	}

	@Test
	void theWebExtensionAnswers404ForAnUnknownTaskAndRunsAKnownOne() {
		this.runner.withBean(PeriodicTaskAutoConfigurationTests.Tasks.class)
			.withPropertyValues("tasks.fast=1h", "management.endpoints.web.exposure.include=periodictasks")
			.run((context) -> {
				PeriodicTasksEndpointWebExtension web = context.getBean(PeriodicTasksEndpointWebExtension.class);
				assertThat(web.run("missing").getStatus()).isEqualTo(WebEndpointResponse.STATUS_NOT_FOUND);
				WebEndpointResponse<PeriodicTasksEndpoint.RunDescriptor> known = web.run("fast");
				assertThat(known.getStatus()).isEqualTo(WebEndpointResponse.STATUS_OK);
				assertThat(known.getBody()).isNotNull().satisfies((body) -> assertThat(body.ran()).isTrue());
				assertThat(context.getBean(PeriodicTaskAutoConfigurationTests.Tasks.class).fast).hasValue(1);
			});
	}

	@Test
	void theWebExtensionIsAbsentWhenTheEndpointIsNotExposedOverTheWeb() {
		this.runner.withBean(PeriodicTaskAutoConfigurationTests.Tasks.class)
			.withPropertyValues("tasks.fast=1h", "management.endpoints.jmx.exposure.include=periodictasks",
					"spring.jmx.enabled=true")
			.run((context) -> assertThat(context).hasSingleBean(PeriodicTasksEndpoint.class)
				.doesNotHaveBean(PeriodicTasksEndpointWebExtension.class));
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
				.doesNotHaveBean(PeriodicTasksEndpointWebExtension.class)
				.doesNotHaveBean(PeriodicTaskTimer.class));
	}

	@Test
	void backsOffWhenTheUserDefinesTheEndpointItsWebExtensionAndTheTimer() {
		SimpleMeterRegistry registry = new SimpleMeterRegistry();
		PeriodicTaskTimer timer = new PeriodicTaskTimer(registry);
		ThreadPoolTaskScheduler threads = new ThreadPoolTaskScheduler();
		PeriodicTasksEndpoint endpoint = new PeriodicTasksEndpoint(
				new PeriodicTaskScheduler(threads, threads.getClock(), () -> 0, TaskRunListener.NONE));
		PeriodicTasksEndpointWebExtension web = new PeriodicTasksEndpointWebExtension(endpoint);
		this.runner.withBean(MeterRegistry.class, () -> registry)
			.withBean("userTimer", PeriodicTaskTimer.class, () -> timer)
			.withBean("userEndpoint", PeriodicTasksEndpoint.class, () -> endpoint)
			.withBean("userWebExtension", PeriodicTasksEndpointWebExtension.class, () -> web)
			.withPropertyValues("management.endpoints.web.exposure.include=periodictasks")
			.run((context) -> {
				assertThat(context).getBean(PeriodicTaskTimer.class).isSameAs(timer);
				assertThat(context).getBean(PeriodicTasksEndpoint.class).isSameAs(endpoint);
				assertThat(context).getBean(PeriodicTasksEndpointWebExtension.class).isSameAs(web);
			});
	}

}
