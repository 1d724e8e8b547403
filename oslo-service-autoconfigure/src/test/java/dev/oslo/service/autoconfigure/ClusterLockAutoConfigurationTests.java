package dev.oslo.service.autoconfigure;

import java.sql.Connection;
import java.sql.SQLException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import javax.sql.DataSource;

import dev.oslo.service.autoconfigure.OsloServiceProperties.TaskOverride;
import dev.oslo.service.cluster.ServerDatabase;
import dev.oslo.service.periodic.ClusterLock;
import dev.oslo.service.periodic.PeriodicTask;
import dev.oslo.service.periodic.PeriodicTaskScheduler;
import dev.oslo.service.periodic.PeriodicTaskSnapshot;
import dev.oslo.service.periodic.SingletonLockSnapshot;
import dev.oslo.service.periodic.TaskSnapshots;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.core.SimpleLock;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.autoconfigure.AutoConfigurations;
import org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration;
import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.boot.test.context.runner.ApplicationContextRunner;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ApplicationContext;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cluster lock that {@code @PeriodicTask(clusterSingleton = true)} gets from what the
 * application has: its own ShedLock provider, a data source, or nothing; and the JDBC
 * lock's table, created or checked at start-up.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClusterLockAutoConfigurationTests {

	private final ApplicationContextRunner runner = new ApplicationContextRunner()
		.withConfiguration(AutoConfigurations.of(OsloServiceAutoConfiguration.class, DataSourceAutoConfiguration.class,
				ClusterLockAutoConfiguration.class, PeriodicTaskAutoConfiguration.class))
		.withPropertyValues("oslo.service.signals.enabled=false", "oslo.service.log-options=false")
		.withBean(Singleton.class);

	@Test
	void withADataSourceTheJdbcLockOnDatabaseTimeIsUsedAndItsTableCreatedAtStartUpInAnEmbeddedDatabase() {
		this.runner.withPropertyValues("spring.datasource.url=jdbc:h2:mem:locks;DB_CLOSE_DELAY=-1").run((context) -> {
			assertThat(lockTables(context.getBean(DataSource.class))).isOne();

			assertThat(context.getBean(PeriodicTaskScheduler.class).runNow("report")).isTrue();

			assertThat(context.getBean(Singleton.class).runs).hasValue(1);
			String lockedBy = jdbc(context).queryForObject("SELECT locked_by FROM shedlock WHERE name = ?",
					String.class, "report");
			assertThat(lockedBy).containsPattern(":" + ProcessHandle.current().pid() + "/[0-9a-f]{6}$");
			PeriodicTaskSnapshot task = report(context);
			assertThat(task.singleton().lastOutcome()).isEqualTo("acquired");
			assertThat(task.singleton().holder()).isEqualTo(lockedBy);
		});
	}

	@Test
	void aRunWithinLockAtLeastForOfTheLastIsSkippedAsLockedByItsHolder() {
		this.runner
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:held;DB_CLOSE_DELAY=-1",
					"oslo.service.periodic.tasks.report.lock-at-least-for=1h")
			.run((context) -> {
				PeriodicTaskScheduler scheduler = context.getBean(PeriodicTaskScheduler.class);
				assertThat(scheduler.runNow("report")).isTrue();

				assertThat(scheduler.runNow("report")).isFalse();

				assertThat(context.getBean(Singleton.class).runs).hasValue(1);
				assertThat(report(context).singleton().lastOutcome()).isEqualTo("locked");
				assertThat(report(context).singleton().holder())
					.isEqualTo(context.getBean(ClusterLock.class).self().orElseThrow());
			});
	}

	@Test
	void theApplicationsOwnLockProviderWins() {
		RecordingProvider provider = new RecordingProvider();
		this.runner.withPropertyValues("spring.datasource.url=jdbc:h2:mem:unused;DB_CLOSE_DELAY=-1")
			.withBean(LockProvider.class, () -> provider)
			.run((context) -> {
				assertThat(context.getBean(PeriodicTaskScheduler.class).runNow("report")).isTrue();

				assertThat(provider.locked).singleElement()
					.satisfies((configuration) -> assertThat(configuration.getName()).isEqualTo("report"));
				assertThat(lockTables(context.getBean(DataSource.class))).isZero();
			});
	}

	@Test
	void theClusterLockBacksOffWhenTheApplicationDefinesOne() {
		ClusterLock own = (name, lockAtMostFor, lockAtLeastFor) -> Optional.empty();
		this.runner.withPropertyValues("spring.datasource.url=jdbc:h2:mem:own;DB_CLOSE_DELAY=-1")
			.withBean(ClusterLock.class, () -> own)
			.run((context) -> {
				assertThat(context).getBean(ClusterLock.class).isSameAs(own);
				assertThat(context.getBean(PeriodicTaskScheduler.class).runNow("report")).isFalse();
				assertThat(report(context).singleton().lastOutcome()).isEqualTo("locked");
			});
	}

	@Test
	void withNeitherStartUpFailsNamingTheTaskAndTheFix() {
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(OsloServiceAutoConfiguration.class,
					ClusterLockAutoConfiguration.class, PeriodicTaskAutoConfiguration.class))
			.withPropertyValues("oslo.service.signals.enabled=false", "oslo.service.log-options=false")
			.withBean(Singleton.class)
			.run((context) -> {
				assertThat(context).getFailure()
					.hasStackTraceContaining(
							"Periodic task 'report' is a cluster singleton, but the application has no "
									+ "cluster lock: define a DataSource for ShedLock's JDBC lock (spring.datasource.url, with "
									+ "org.springframework.boot:spring-boot-starter-jdbc and the database's driver), or define "
									+ "a ShedLock LockProvider bean")
					.hasStackTraceContaining("or set oslo.service.periodic.tasks.report.cluster-singleton=false");
			});
	}

	@Test
	void withoutShedLockStartUpFailsNamingTheDependencyToAdd() {
		String addJdbcProvider = "add the dependency net.javacrumbs.shedlock:shedlock-provider-jdbc-template";
		for (String hidden : List.of("net.javacrumbs.shedlock.", "net.javacrumbs.shedlock.provider.jdbctemplate.")) {
			this.runner.withClassLoader(new FilteredClassLoader(hidden))
				.withPropertyValues("spring.datasource.url=jdbc:h2:mem:nolib;DB_CLOSE_DELAY=-1")
				.run((context) -> assertThat(context).getFailure()
					.hasStackTraceContaining("Periodic task 'report' is a cluster singleton, but the application has "
							+ "no cluster lock: " + addJdbcProvider)
					.hasStackTraceContaining("or set oslo.service.periodic.tasks.report.cluster-singleton=false"));
		}
	}

	@Test
	void withoutSpringJdbcStartUpFailsNamingIt() {
		this.runner.withClassLoader(new FilteredClassLoader("org.springframework.jdbc."))
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("no cluster lock: add the dependency org.springframework:spring-jdbc"));
	}

	@Test
	void aSingletonByPropertyWithoutShedLockFailsStartUpNamingThePropertyAndTheDependency() {
		this.runner.withClassLoader(new FilteredClassLoader("net.javacrumbs.shedlock."))
			.withBean(Plain.class)
			.withPropertyValues("oslo.service.periodic.tasks.report.cluster-singleton=false",
					"oslo.service.periodic.tasks.tidy.cluster-singleton=true")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("oslo.service.periodic.tasks[tidy].cluster-singleton")
				.hasStackTraceContaining("the application has no cluster lock: add the dependency "
						+ "net.javacrumbs.shedlock:shedlock-provider-jdbc-template"));
	}

	@Test
	void withTwoDataSourcesAndNoPrimaryStartUpFailsNamingThem() {
		this.runner.withBean("orders", DataSource.class, () -> h2("orders"))
			.withBean("audit", DataSource.class, () -> h2("audit"))
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("mark one of the DataSource beans [orders, audit] @Primary"));
	}

	@Test
	void thePropertyMakesAnyTaskASingletonOrNot() {
		this.runner
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:flags;DB_CLOSE_DELAY=-1",
					"oslo.service.periodic.tasks.report.cluster-singleton=false")
			.run((context) -> {
				assertThat(report(context).singleton()).isNull();
			});
		new ApplicationContextRunner()
			.withConfiguration(AutoConfigurations.of(OsloServiceAutoConfiguration.class,
					ClusterLockAutoConfiguration.class, PeriodicTaskAutoConfiguration.class))
			.withPropertyValues("oslo.service.signals.enabled=false", "oslo.service.log-options=false",
					"oslo.service.periodic.tasks.report.cluster-singleton=false")
			.withBean(Singleton.class)
			.run((context) -> assertThat(context).hasNotFailed());
	}

	@Test
	void badLockLifetimesFailStartUpNamingTheProperty() {
		this.runner
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:times;DB_CLOSE_DELAY=-1",
					"oslo.service.periodic.tasks.report.lock-at-most-for=30s",
					"oslo.service.periodic.tasks.report.lock-at-least-for=1m")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining(
						"must not exceed oslo.service.periodic.tasks.report.lock-at-most-for (30s), was 60s"));
		this.runner
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:zero;DB_CLOSE_DELAY=-1",
					"oslo.service.periodic.tasks.report.lock-at-most-for=0")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("oslo.service.periodic.tasks[report].lock-at-most-for")
				.hasStackTraceContaining("rejected value [0]")
				.hasStackTraceContaining("must be positive, was 0s"));
	}

	@Test
	void aDefaultLifetimeGivesWayToTheOtherOneSet() {
		this.runner
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:derived;DB_CLOSE_DELAY=-1",
					"oslo.service.periodic.tasks.report.lock-at-least-for=3h")
			.run((context) -> {
				assertThat(report(context).singleton().lockAtLeastFor()).isEqualTo(Duration.ofHours(3));
				assertThat(report(context).singleton().lockAtMostFor()).isEqualTo(Duration.ofHours(3));
			});
		this.runner
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:derived2;DB_CLOSE_DELAY=-1",
					"oslo.service.periodic.tasks.report.lock-at-most-for=10m")
			.run((context) -> {
				assertThat(report(context).singleton().lockAtMostFor()).isEqualTo(Duration.ofMinutes(10));
				assertThat(report(context).singleton().lockAtLeastFor()).isEqualTo(Duration.ofMinutes(10));
			});
	}

	@Test
	void lockLifetimesDefaultFromTheSpacingAndAnInvalidChangeAfterStartUpKeepsThePreviousOnes() {
		this.runner.withPropertyValues("spring.datasource.url=jdbc:h2:mem:change;DB_CLOSE_DELAY=-1").run((context) -> {
			SingletonLockSnapshot before = report(context).singleton();
			assertThat(before.lockAtMostFor()).isEqualTo(Duration.ofHours(2));
			assertThat(before.lockAtLeastFor()).isEqualTo(Duration.ofMinutes(48));

			TaskOverride override = new TaskOverride();
			override.setLockAtMostFor(Duration.ofSeconds(10));
			override.setLockAtLeastFor(Duration.ofSeconds(20));
			context.getBean(OsloServiceProperties.class).getPeriodic().getTasks().put("report", override);

			SingletonLockSnapshot after = report(context).singleton();
			assertThat(after.lockAtMostFor()).isEqualTo(Duration.ofHours(2));
			assertThat(after.lockAtLeastFor()).isEqualTo(Duration.ofMinutes(48));
		});
	}

	@Test
	void aTableNameThatIsNotPlainSqlFailsStartUp() {
		this.runner
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:names;DB_CLOSE_DELAY=-1",
					"oslo.service.periodic.lock.table-name=locks; DROP TABLE users")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("codes [oslo.service.periodic.lock.table-name")
				.hasStackTraceContaining("rejected value [locks; DROP TABLE users]")
				.hasStackTraceContaining("must be a plain SQL table name"));
	}

	@Test
	void withNeverStartUpFailsNamingThePropertyAndShedLocksDdl() {
		this.runner
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:nevercreated;DB_CLOSE_DELAY=-1",
					"oslo.service.periodic.lock.initialize-schema=never")
			.run((context) -> {
				assertThat(context).getFailure()
					.hasStackTraceContaining("The cluster lock table shedlock does not exist in H2")
					.hasStackTraceContaining("oslo.service.periodic.lock.initialize-schema=never does not create it")
					.hasStackTraceContaining("CREATE TABLE shedlock (name VARCHAR(64) NOT NULL, lock_until TIMESTAMP "
							+ "NOT NULL, locked_at TIMESTAMP NOT NULL, locked_by VARCHAR(255) NOT NULL, PRIMARY KEY (name));")
					.hasStackTraceContaining("oslo.service.periodic.lock.initialize-schema=always");
				assertThat(lockTables(h2("nevercreated"))).isZero();
			});
	}

	@Test
	void embeddedCreatesNoTableInAServerDatabaseAndStartUpFailsSayingHowToCreateIt() throws SQLException {
		try (ServerDatabase server = ServerDatabase.start()) {
			this.runner.withPropertyValues("spring.datasource.url=" + server.url("server")).run((context) -> {
				assertThat(context).getFailure()
					.hasStackTraceContaining("The cluster lock table shedlock does not exist in H2")
					.hasStackTraceContaining("oslo.service.periodic.lock.initialize-schema=embedded creates it only in "
							+ "an embedded database")
					.hasStackTraceContaining("CREATE TABLE shedlock (name VARCHAR(64) NOT NULL,")
					.hasStackTraceContaining("oslo.service.periodic.lock.initialize-schema=always");
				assertThat(lockTables(server.dataSource("server"))).isZero();
			});
		}
	}

	@Test
	void alwaysCreatesTheTableInAServerDatabase() throws SQLException {
		try (ServerDatabase server = ServerDatabase.start()) {
			this.runner
				.withPropertyValues("spring.datasource.url=" + server.url("always"),
						"oslo.service.periodic.lock.initialize-schema=always")
				.run((context) -> {
					assertThat(lockTables(server.dataSource("always"))).isOne();
					assertThat(context.getBean(PeriodicTaskScheduler.class).runNow("report")).isTrue();
				});
		}
	}

	@Test
	void withoutClusterSingletonTasksTheTableIsNeitherCreatedNorChecked() {
		this.runner
			.withPropertyValues("spring.datasource.url=jdbc:h2:mem:unneeded;DB_CLOSE_DELAY=-1",
					"oslo.service.periodic.lock.initialize-schema=never",
					"oslo.service.periodic.tasks.report.cluster-singleton=false")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(lockTables(context.getBean(DataSource.class))).isZero();
			});
	}

	@Test
	void aDatabaseDownAtStartUpIsNoFailureAndAMissingTableIsThenReportedOnce(CapturedOutput output) {
		SwitchedDataSource database = new SwitchedDataSource(h2("down"));
		this.runner.withBean(DataSource.class, () -> database)
			.withPropertyValues("oslo.service.periodic.lock.initialize-schema=never")
			.run((context) -> {
				assertThat(context).hasNotFailed();
				assertThat(output).contains("Cannot prepare the cluster lock table shedlock at start-up");
				database.reachable = true;
				PeriodicTaskScheduler scheduler = context.getBean(PeriodicTaskScheduler.class);

				assertThat(scheduler.runNow("report")).isFalse();
				assertThat(scheduler.runNow("report")).isFalse();

				assertThat(context.getBean(Singleton.class).runs).hasValue(0);
				assertThat(report(context).singleton().lastOutcome()).isEqualTo("lock-unavailable");
				assertThat(report(context).singleton().lastError())
					.contains("oslo.service.periodic.lock.initialize-schema=never does not create it");
				assertThat(output.getOut().split("The cluster lock table shedlock does not exist", -1)).hasSize(2);
			});
	}

	@Test
	void anUnknownInitializeSchemaFailsStartUpNamingThePropertyAndValue() {
		this.runner.withPropertyValues("oslo.service.periodic.lock.initialize-schema=sometimes")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("oslo.service.periodic.lock.initialize-schema")
				.hasStackTraceContaining("sometimes"));
	}

	@Test
	void theReplacedCreateTableFailsStartUpNamingItsReplacement() {
		this.runner.withPropertyValues("oslo.service.periodic.lock.create-table=true")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("codes [oslo.service.periodic.lock.create-table")
				.hasStackTraceContaining("rejected value [true]")
				.hasStackTraceContaining("was replaced by oslo.service.periodic.lock.initialize-schema")
				.hasStackTraceContaining("set oslo.service.periodic.lock.initialize-schema=always"));
		this.runner.withPropertyValues("oslo.service.periodic.lock.create-table=false")
			.run((context) -> assertThat(context).getFailure()
				.hasStackTraceContaining("rejected value [false]")
				.hasStackTraceContaining("(oslo.service.periodic.lock.initialize-schema=never creates no table)"));
	}

	private static int lockTables(DataSource database) {
		Integer count = new JdbcTemplate(database).queryForObject(
				"SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_NAME = 'SHEDLOCK'", Integer.class);
		return (count != null) ? count : 0;
	}

	private static DataSource h2(String name) {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
		dataSource.setUser("sa");
		return dataSource;
	}

	private static JdbcTemplate jdbc(ApplicationContext context) {
		return new JdbcTemplate(context.getBean(DataSource.class));
	}

	private static PeriodicTaskSnapshot report(ApplicationContext context) {
		return TaskSnapshots.named(context.getBean(PeriodicTaskScheduler.class), "report");
	}

	static class Singleton {

		final AtomicInteger runs = new AtomicInteger();

		@PeriodicTask(spacing = "1h", name = "report", clusterSingleton = true)
		void report() {
			this.runs.incrementAndGet();
		}

	}

	static class Plain {

		@PeriodicTask(spacing = "1h", name = "tidy")
		void tidy() {
		}

	}

	/**
	 * A database that cannot be reached until told otherwise.
	 */
	static final class SwitchedDataSource extends DelegatingDataSource {

		volatile boolean reachable;

		SwitchedDataSource(DataSource target) {
			super(target);
		}

		@Override
		public Connection getConnection() throws SQLException {
			if (!this.reachable) {
				throw new SQLException("Connection refused", "08001");
			}
			return super.getConnection();
		}

	}

	static class RecordingProvider implements LockProvider {

		final List<LockConfiguration> locked = new CopyOnWriteArrayList<>();

		@Override
		public Optional<SimpleLock> lock(LockConfiguration configuration) {
			this.locked.add(configuration);
			return Optional.of(() -> {
			});
		}

	}

}
