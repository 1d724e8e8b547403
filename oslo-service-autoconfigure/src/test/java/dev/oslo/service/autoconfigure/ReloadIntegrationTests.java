package dev.oslo.service.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

import dev.oslo.service.ReloadCoordinator;
import dev.oslo.service.ReloadOutcome;
import dev.oslo.service.ReloadResult;
import dev.oslo.service.InvalidConfigurationException;
import dev.oslo.service.ReloadTrigger;
import dev.oslo.service.ServiceBase;
import dev.oslo.service.ServiceLauncher;
import dev.oslo.service.ServiceState;
import dev.oslo.service.actuate.RefreshEndpointWebExtension;
import dev.oslo.service.internal.refresh.CoordinatedContextRefresher;
import jakarta.validation.constraints.Min;
import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.actuate.endpoint.web.WebEndpointResponse;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.context.config.annotation.RefreshScope;
import org.springframework.cloud.context.refresh.ConfigDataContextRefresher;
import org.springframework.cloud.context.refresh.ContextRefresher;
import org.springframework.cloud.endpoint.event.RefreshEvent;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.validation.annotation.Validated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * Reloads of a real Spring Boot application whose configuration file is edited between
 * them.
 */
class ReloadIntegrationTests {

	@TempDir
	Path directory;

	private ConfigurableApplicationContext context;

	@AfterEach
	void close() {
		if (this.context != null) {
			this.context.close();
		}
	}

	@Test
	void newValuesAreBoundBeforeServicesAreReset() throws Exception {
		start("""
				oslo.service.graceful-shutdown-timeout: 10s
				app.batch-size: 5
				""");
		write("""
				oslo.service.graceful-shutdown-timeout: 20s
				app.batch-size: 7
				""");
		ReloadResult result = reload();
		assertThat(result.outcome()).isEqualTo(ReloadOutcome.SUCCESS);
		assertThat(result.changedKeys()).contains("app.batch-size", "oslo.service.graceful-shutdown-timeout");
		assertThat(properties().getGracefulShutdownTimeout()).isEqualTo(Duration.ofSeconds(20));
		assertThat(this.context.getBean(Worker.class).batchSizesSeenInReset).containsExactly(7);
		assertThat(launcherState("worker")).isEqualTo(ServiceState.RUNNING);
	}

	@Test
	void unparsableValueIsRejectedAndEveryOldValueKept() throws Exception {
		start("""
				oslo.service.graceful-shutdown-timeout: 10s
				app.batch-size: 5
				""");
		write("""
				oslo.service.graceful-shutdown-timeout: soon
				app.batch-size: 9
				""");
		ReloadResult result = reload();
		assertThat(result.outcome()).isEqualTo(ReloadOutcome.FAILURE);
		assertThat(result.error()).contains("oslo.service.graceful-shutdown-timeout=\"soon\"");
		assertThat(properties().getGracefulShutdownTimeout()).isEqualTo(Duration.ofSeconds(10));
		assertThat(this.context.getBean(AppProperties.class).getBatchSize()).isEqualTo(5);
		assertThat(this.context.getBean(Worker.class).batchSizesSeenInReset).isEmpty();
		assertThat(launcherState("worker")).isEqualTo(ServiceState.RUNNING);
	}

	@Test
	void negativeTimeoutIsRejected() throws Exception {
		start("oslo.service.graceful-shutdown-timeout: 10s\n");
		write("oslo.service.graceful-shutdown-timeout: -5s\n");
		ReloadResult result = reload();
		assertThat(result.outcome()).isEqualTo(ReloadOutcome.FAILURE);
		assertThat(result.error()).contains("oslo.service.graceful-shutdown-timeout=\"-5s\"")
			.contains("must be 0 (wait forever) or positive");
		assertThat(properties().getGracefulShutdownTimeout()).isEqualTo(Duration.ofSeconds(10));
	}

	@Test
	void aRestartMethodChangedInTheFileAppliesToTheReloadThatReadsIt() throws Exception {
		start("oslo.service.restart-method: mutate\n");
		write("oslo.service.restart-method: reload\n");
		assertThat(reload().outcome()).isEqualTo(ReloadOutcome.SUCCESS);
		assertThat(this.context.getBean(Worker.class).starts).hasValue(2);
	}

	@Test
	void contradictoryWorkerSettingsAreRejected() throws Exception {
		assertWorkerSettingRejected("oslo.service.worker.max-respawn-delay: 10s\n",
				"oslo.service.worker.respawn-delay: 20s\noslo.service.worker.max-respawn-delay: 10s\n",
				"oslo.service.worker.max-respawn-delay=\"10s\": must not be below "
						+ "oslo.service.worker.respawn-delay (20s)",
				OsloServiceProperties.Worker::getRespawnDelay, Duration.ofMillis(100));
	}

	@Test
	void aHeartbeatTimeoutNotLongerThanTheHeartbeatIsRejectedAndTheOldOneKept() throws Exception {
		assertWorkerSettingRejected("oslo.service.worker.heartbeat-timeout: 10s\n",
				"oslo.service.worker.heartbeat-timeout: 1s\n",
				"oslo.service.worker.heartbeat-timeout=\"1s\": must be 0 (off) or longer than the heartbeat interval (1s)",
				OsloServiceProperties.Worker::getHeartbeatTimeout, Duration.ofSeconds(10));
	}

	@Test
	void anAbsurdStandbyCountIsRejectedAndTheOldOneKept() throws Exception {
		assertWorkerSettingRejected("oslo.service.worker.standby: 2\n", "oslo.service.worker.standby: 1000\n",
				"oslo.service.worker.standby=\"1000\": must be between 0 and 64",
				OsloServiceProperties.Worker::getStandby, 2);
	}

	private void assertWorkerSettingRejected(String before, String after, String error,
			Function<OsloServiceProperties.Worker, @Nullable Object> setting, Object kept) throws Exception {
		start(before);
		write(after);
		ReloadResult result = reload();
		assertThat(result.outcome()).isEqualTo(ReloadOutcome.FAILURE);
		assertThat(result.error()).contains(error);
		assertThat(setting.apply(properties().getWorker())).isEqualTo(kept);
	}

	@Test
	void contradictoryLockLifetimesAreRejected() throws Exception {
		start("oslo.service.periodic.tasks.cleanup.lock-at-most-for: 30s\n");
		write("oslo.service.periodic.tasks.cleanup.lock-at-most-for: 30s\n"
				+ "oslo.service.periodic.tasks.cleanup.lock-at-least-for: 1m\n");
		ReloadResult result = reload();
		assertThat(result.outcome()).isEqualTo(ReloadOutcome.FAILURE);
		assertThat(result.error())
			.contains("must not exceed oslo.service.periodic.tasks.cleanup.lock-at-most-for (30s), " + "was 60s");
		assertThat(properties().getPeriodic().getTasks().get("cleanup").getLockAtLeastFor()).isNull();
	}

	@Test
	void aClusterSingletonWithoutALockIsRejectedAndWithOneAccepted() throws Exception {
		String noDataSource = "spring.autoconfigure.exclude: "
				+ "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration\n";
		start(noDataSource);
		write(noDataSource + "oslo.service.periodic.tasks.cleanup.cluster-singleton: true\n");
		ReloadResult rejected = reload();
		assertThat(rejected.outcome()).isEqualTo(ReloadOutcome.FAILURE);
		assertThat(rejected.error()).contains("oslo.service.periodic.tasks[cleanup].cluster-singleton=\"true\"")
			.contains("the application has no cluster lock");
		assertThat(properties().getPeriodic().getTasks()).doesNotContainKey("cleanup");
		this.context.close();

		start("");
		write("oslo.service.periodic.tasks.cleanup.cluster-singleton: true\n");
		assertThat(reload().outcome()).isEqualTo(ReloadOutcome.SUCCESS);
		assertThat(properties().getPeriodic().getTasks().get("cleanup").getClusterSingleton()).isTrue();
	}

	@Test
	void failedConstraintIsRejected() throws Exception {
		start("app.batch-size: 5\n");
		write("app.batch-size: 0\n");
		ReloadResult result = reload();
		assertThat(result.outcome()).isEqualTo(ReloadOutcome.FAILURE);
		assertThat(result.error()).contains("app.batch-size=\"0\": must be greater than or equal to 1");
		assertThat(this.context.getBean(AppProperties.class).getBatchSize()).isEqualTo(5);
	}

	@Test
	void brokenYamlIsRejected() throws Exception {
		start("app.batch-size: 5\n");
		write("app:\n  batch-size: [unclosed\n");
		ReloadResult result = reload();
		assertThat(result.outcome()).isEqualTo(ReloadOutcome.FAILURE);
		assertThat(result.error()).startsWith("cannot read the configuration");
		assertThat(this.context.getBean(AppProperties.class).getBatchSize()).isEqualTo(5);
	}

	@Test
	void loggingLevelChangedInTheFileApplies() throws Exception {
		start("logging.level.dev.oslo.reload.probe: info\n");
		assertThat(LoggerFactory.getLogger("dev.oslo.reload.probe").isDebugEnabled()).isFalse();
		write("logging.level.dev.oslo.reload.probe: debug\n");
		assertThat(reload().outcome()).isEqualTo(ReloadOutcome.SUCCESS);
		assertThat(LoggerFactory.getLogger("dev.oslo.reload.probe").isDebugEnabled()).isTrue();
	}

	@Test
	void aRefreshEventIsAReloadThatResetsTheServices() throws Exception {
		start("app.batch-size: 5\n");
		write("app.batch-size: 7\n");
		this.context.publishEvent(new RefreshEvent(this, null, "a configuration watcher"));
		ReloadResult result = this.context.getBean(ReloadCoordinator.class).snapshot().last();
		assertThat(result.trigger()).isEqualTo(ReloadTrigger.REFRESH_EVENT);
		assertThat(result.outcome()).isEqualTo(ReloadOutcome.SUCCESS);
		assertThat(this.context.getBean(Worker.class).batchSizesSeenInReset).containsExactly(7);
	}

	@Test
	void aContextRefresherCallIsAReloadAndAnInvalidOneIsRejected() throws Exception {
		start("app.batch-size: 5\n");
		ContextRefresher refresher = this.context.getBean(ContextRefresher.class);
		write("app.batch-size: 7\n");
		assertThat(refresher.refresh()).contains("app.batch-size");
		assertThat(this.context.getBean(Worker.class).batchSizesSeenInReset).containsExactly(7);
		assertThat(this.context.getBean(ReloadCoordinator.class).snapshot().last().trigger())
			.isEqualTo(ReloadTrigger.CONTEXT_REFRESHER);
		write("app.batch-size: 0\n");
		assertThatExceptionOfType(InvalidConfigurationException.class).isThrownBy(refresher::refresh)
			.withMessageContaining("app.batch-size=\"0\"");
		assertThat(this.context.getBean(AppProperties.class).getBatchSize()).isEqualTo(7);
		assertThat(this.context.getBean(Worker.class).batchSizesSeenInReset).containsExactly(7);
	}

	@Test
	void theRefreshEndpointAnswersTheReloadsOutcome() throws Exception {
		start("""
				management.endpoints.web.exposure.include: refresh
				app.batch-size: 5
				""");
		RefreshEndpointWebExtension refresh = this.context.getBean(RefreshEndpointWebExtension.class);
		write("""
				management.endpoints.web.exposure.include: refresh
				app.batch-size: 7
				""");
		WebEndpointResponse<Object> applied = refresh.refresh();
		assertThat(applied.getStatus()).isEqualTo(200);
		assertThat(applied.getBody()).asInstanceOf(InstanceOfAssertFactories.LIST).contains("app.batch-size");
		assertThat(this.context.getBean(Worker.class).batchSizesSeenInReset).containsExactly(7);
		write("""
				management.endpoints.web.exposure.include: refresh
				app.batch-size: 0
				""");
		WebEndpointResponse<Object> rejected = refresh.refresh();
		assertThat(rejected.getStatus()).isEqualTo(400);
		assertThat(rejected.getBody()).asInstanceOf(InstanceOfAssertFactories.MAP)
			.containsEntry("outcome", "failure")
			.extractingByKey("error")
			.asString()
			.contains("app.batch-size=\"0\"");
		assertThat(this.context.getBean(AppProperties.class).getBatchSize()).isEqualTo(7);
		assertThat(this.context.getBean(ReloadCoordinator.class).snapshot().last().trigger())
			.isEqualTo(ReloadTrigger.REFRESH_ENDPOINT);
	}

	@Test
	void anApplicationsOwnContextRefresherIsKept() throws Exception {
		write("app.batch-size: 5\n");
		this.context = application(OwnRefresherApp.class).run();
		assertThat(this.context.getBean(ContextRefresher.class)).isNotInstanceOf(CoordinatedContextRefresher.class);
		write("app.batch-size: 7\n");
		assertThat(reload().outcome()).isEqualTo(ReloadOutcome.SUCCESS);
		assertThat(this.context.getBean(Worker.class).batchSizesSeenInReset).containsExactly(7);
	}

	@Test
	void aServiceInRefreshScopeFailsStartUpWithAnExplanation() throws Exception {
		write("app.batch-size: 5\n");
		assertThatException().isThrownBy(() -> application(RefreshScopedServiceApp.class).run())
			.havingRootCause()
			.withMessageContaining("Service 'refreshScopedWorker' is in @RefreshScope")
			.withMessageContaining("re-read the settings in reset() instead");
	}

	private void start(String yaml) throws IOException {
		write(yaml);
		this.context = application(App.class).run();
	}

	private SpringApplicationBuilder application(Class<?> source) {
		return new SpringApplicationBuilder(source).properties(
				"spring.config.location=file:" + this.directory.resolve("application.yml"),
				"oslo.service.signals.enabled=false", "oslo.service.log-options=false");
	}

	private void write(String yaml) throws IOException {
		Files.writeString(this.directory.resolve("application.yml"), yaml);
	}

	private ReloadResult reload() {
		ReloadCoordinator reloads = this.context.getBean(ReloadCoordinator.class);
		long before = reloads.snapshot().count();
		ReloadResult result = reloads.request(ReloadTrigger.APPLICATION).join();
		assertThat(reloads.snapshot().count()).isEqualTo(before + 1);
		return result;
	}

	private OsloServiceProperties properties() {
		return this.context.getBean(OsloServiceProperties.class);
	}

	private ServiceState launcherState(String service) {
		return this.context.getBean(ServiceLauncher.class)
			.snapshot()
			.services()
			.stream()
			.filter((s) -> s.name().equals(service))
			.findFirst()
			.orElseThrow()
			.state();
	}

	@ConfigurationProperties("app")
	@Validated
	public static class AppProperties {

		@Min(1)
		private int batchSize = 1;

		public int getBatchSize() {
			return this.batchSize;
		}

		public void setBatchSize(int batchSize) {
			this.batchSize = batchSize;
		}

	}

	static class Worker implements ServiceBase {

		final List<Integer> batchSizesSeenInReset = new CopyOnWriteArrayList<>();

		final AtomicInteger starts = new AtomicInteger();

		private final AppProperties properties;

		Worker(AppProperties properties) {
			this.properties = properties;
		}

		@Override
		public void start() {
			this.starts.incrementAndGet();
		}

		@Override
		public void stop() {
		}

		@Override
		public void awaitTermination() {
		}

		@Override
		public void reset() {
			this.batchSizesSeenInReset.add(this.properties.getBatchSize());
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableConfigurationProperties(AppProperties.class)
	static class App {

		@Bean
		Worker worker(AppProperties properties) {
			return new Worker(properties);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableConfigurationProperties(AppProperties.class)
	static class OwnRefresherApp {

		@Bean
		Worker worker(AppProperties properties) {
			return new Worker(properties);
		}

		@Bean
		ConfigDataContextRefresher ownContextRefresher(ConfigurableApplicationContext context,
				org.springframework.cloud.context.scope.refresh.RefreshScope scope) {
			return new ConfigDataContextRefresher(context, scope);
		}

	}

	@SpringBootConfiguration
	@EnableAutoConfiguration
	@EnableConfigurationProperties(AppProperties.class)
	static class RefreshScopedServiceApp {

		@Bean
		@RefreshScope
		Worker refreshScopedWorker(AppProperties properties) {
			return new Worker(properties);
		}

	}

}
