package dev.oslo.service.autoconfigure;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

import dev.oslo.service.LauncherRuntime;
import dev.oslo.service.ReloadCoordinator;
import dev.oslo.service.ReloadTrigger;
import dev.oslo.service.periodic.PeriodicTask;
import dev.oslo.service.periodic.PeriodicTaskScheduler;
import dev.oslo.service.periodic.PeriodicTaskSnapshot;
import dev.oslo.service.periodic.TaskRunListener;
import dev.oslo.service.periodic.TaskSnapshots;
import org.aopalliance.intercept.MethodInterceptor;
import org.junit.jupiter.api.Test;

import org.springframework.aop.framework.autoproxy.BeanNameAutoProxyCreator;
import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.util.TestPropertyValues;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class PeriodicTaskAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(
				AutoConfigurations.of(OsloServiceAutoConfiguration.class, PeriodicTaskAutoConfiguration.class))
		.withPropertyValues("oslo.service.signals.enabled=false", "oslo.service.log-options=false",
				"oslo.service.periodic.jitter=false");

	@Test
	void annotatedMethodsOfAnyBeanRunOnTheirSpacing() {
		this.runner.withBean(Tasks.class).withPropertyValues("tasks.fast=50ms").run((context) -> {
			Tasks tasks = context.getBean(Tasks.class);
			await().until(() -> tasks.fast.get() >= 3);
			assertThat(task(context, "fast").spacing()).isEqualTo(Duration.ofMillis(50));
			assertThat(task(context, "renamed").spacing()).isEqualTo(Duration.ofSeconds(60));
			assertThat(tasks.disabled).hasValue(0);
			assertThat(task(context, "disabledTask").nextRunAt()).isNull();
		});
	}

	@Test
	void periodicTasksAloneKeepTheJvmUpUntilTheContextCloses() {
		ConfigurableApplicationContext[] closed = new ConfigurableApplicationContext[1];
		this.runner.withBean(Tasks.class).withPropertyValues("tasks.fast=1h").run((context) -> {
			assertThat(keepAlive()).singleElement().satisfies((thread) -> assertThat(thread.isDaemon()).isFalse());
			closed[0] = context.getSourceApplicationContext();
		});
		assertThat(closed[0].isActive()).isFalse();
		await().until(() -> keepAlive().isEmpty());
	}

	@Test
	void withoutAnyTaskNothingKeepsTheJvmUp() {
		this.runner.run((context) -> assertThat(keepAlive()).isEmpty());
	}

	private static List<Thread> keepAlive() {
		return Thread.getAllStackTraces()
			.keySet()
			.stream()
			.filter((thread) -> thread.getName().equals("oslo-periodic-keepalive") && thread.isAlive())
			.toList();
	}

	@Test
	void overridesInThePropertiesWinOverTheAnnotation() {
		this.runner.withBean(Tasks.class)
			.withPropertyValues("tasks.fast=1h", "oslo.service.periodic.tasks.fast.spacing=30ms",
					"oslo.service.periodic.tasks.disabledTask.enabled=true",
					"oslo.service.periodic.tasks.disabledTask.spacing=30ms")
			.run((context) -> {
				Tasks tasks = context.getBean(Tasks.class);
				await().until(() -> tasks.fast.get() >= 2 && tasks.disabled.get() >= 2);
			});
	}

	@Test
	void externalTasksRunOnlyWhereAllowed() {
		this.runner.withBean(Tasks.class)
			.withPropertyValues("tasks.fast=1h", "oslo.service.run-external-periodic-tasks=false")
			.run((context) -> assertThat(task(context, "external").spacing()).isNull());
	}

	@Test
	void aMethodWithArgumentsFailsStartUpNamingClassAndMethod() {
		this.runner.withBean(WithArgument.class)
			.run((context) -> assertThat(context).getFailure()
				.rootCause()
				.hasMessageContaining(WithArgument.class.getName() + ".work must take no arguments"));
	}

	@Test
	void anInvalidSpacingFailsStartUpNamingMethodAndValue() {
		this.runner.withBean(Tasks.class)
			.withPropertyValues("tasks.fast=often")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining(Tasks.class.getName() + ".fast has an invalid spacing '${tasks.fast}'")
				.hasStackTraceContaining("often"));
	}

	@Test
	void tasksOfProxiedBeansRunThroughTheProxy() {
		AtomicInteger advised = new AtomicInteger();
		this.runner.withBean(Tasks.class)
			.withPropertyValues("tasks.fast=30ms")
			.withBean(BeanNameAutoProxyCreator.class, () -> {
				BeanNameAutoProxyCreator proxies = new BeanNameAutoProxyCreator();
				proxies.setBeanNames("*Tasks");
				proxies.setProxyTargetClass(true);
				proxies.setInterceptorNames("countingInterceptor");
				return proxies;
			})
			.withBean("countingInterceptor", MethodInterceptor.class, () -> (invocation) -> {
				advised.incrementAndGet();
				return invocation.proceed();
			})
			.run((context) -> {
				assertThat(org.springframework.aop.support.AopUtils.isAopProxy(context.getBean(Tasks.class))).isTrue();
				await().until(() -> advised.get() >= 2);
				assertThat(task(context, "fast").runs()).isPositive();
			});
	}

	@Test
	void aNewTaskSchedulerBeanIsNotExposed() {
		this.runner
			.run((context) -> assertThat(context).doesNotHaveBean(org.springframework.scheduling.TaskScheduler.class));
	}

	@Test
	void theSchedulerBacksOffToTheUsersOwnWhichIsStillRescheduledAfterAReload() {
		ThreadPoolTaskScheduler threads = new ThreadPoolTaskScheduler();
		threads.initialize();
		PeriodicTaskScheduler own = new PeriodicTaskScheduler(threads, threads.getClock(), () -> 0,
				TaskRunListener.NONE);
		try {
			this.runner.withBean(Tasks.class)
				.withBean(PeriodicTaskScheduler.class, () -> own)
				.withPropertyValues("tasks.fast=1h")
				.run((context) -> {
					assertThat(context).getBean(PeriodicTaskScheduler.class).isSameAs(own);
					context.getBean(LauncherRuntime.class).ready();
					TestPropertyValues.of("tasks.fast=50ms").applyTo(context);
					context.getBean(ReloadCoordinator.class).request(ReloadTrigger.APPLICATION);
					Tasks tasks = context.getBean(Tasks.class);
					await().until(() -> tasks.fast.get() >= 2);
					assertThat(task(context, "fast").spacing()).isEqualTo(Duration.ofMillis(50));
				});
		}
		finally {
			threads.shutdown();
		}
	}

	private static PeriodicTaskSnapshot task(ApplicationContext context, String name) {
		return TaskSnapshots.named(context.getBean(PeriodicTaskScheduler.class), name);
	}

	static class Tasks {

		final AtomicInteger fast = new AtomicInteger();

		final AtomicInteger disabled = new AtomicInteger();

		@PeriodicTask(spacing = "${tasks.fast}")
		void fast() {
			this.fast.incrementAndGet();
		}

		@PeriodicTask(name = "renamed")
		void defaultSpacing() {
		}

		@PeriodicTask(spacing = "1h", externalProcessOk = true)
		void external() {
		}

		@PeriodicTask(spacing = "10ms", enabled = false)
		void disabledTask() {
			this.disabled.incrementAndGet();
		}

	}

	static class WithArgument {

		@PeriodicTask
		void work(String argument) {
		}

	}

}
