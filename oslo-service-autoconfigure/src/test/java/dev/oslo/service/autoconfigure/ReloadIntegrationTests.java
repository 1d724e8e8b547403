package dev.oslo.service.autoconfigure;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import dev.oslo.service.ReloadCoordinator;
import dev.oslo.service.ReloadTestSupport;
import dev.oslo.service.ReloadOutcome;
import dev.oslo.service.ReloadResult;
import dev.oslo.service.ServiceBase;
import dev.oslo.service.ServiceLauncher;
import dev.oslo.service.ServiceState;
import jakarta.validation.constraints.Min;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.LoggerFactory;

import org.springframework.boot.SpringBootConfiguration;
import org.springframework.boot.autoconfigure.EnableAutoConfiguration;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.context.config.annotation.RefreshScope;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.validation.annotation.Validated;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;

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
		start("oslo.service.worker.max-respawn-delay: 10s\n");
		write("oslo.service.worker.respawn-delay: 20s\noslo.service.worker.max-respawn-delay: 10s\n");
		ReloadResult result = reload();
		assertThat(result.outcome()).isEqualTo(ReloadOutcome.FAILURE);
		assertThat(result.error()).contains("oslo.service.worker.max-respawn-delay=\"10s\": must not be below "
				+ "oslo.service.worker.respawn-delay (20s)");
		assertThat(properties().getWorker().getRespawnDelay()).isEqualTo(Duration.ofMillis(100));
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

	private ReloadResult reload() throws InterruptedException {
		ReloadCoordinator reloads = this.context.getBean(ReloadCoordinator.class);
		long before = reloads.snapshot().count();
		reloads.request("test");
		assertThat(ReloadTestSupport.awaitIdle(reloads, Duration.ofSeconds(30))).isTrue();
		assertThat(reloads.snapshot().count()).isEqualTo(before + 1);
		return reloads.snapshot().last();
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
	static class RefreshScopedServiceApp {

		@Bean
		@RefreshScope
		Worker refreshScopedWorker(AppProperties properties) {
			return new Worker(properties);
		}

	}

}
