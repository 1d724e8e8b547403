package dev.oslo.service.cluster;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.Optional;

import javax.sql.DataSource;

import dev.oslo.service.periodic.ClusterLock;
import net.javacrumbs.shedlock.provider.sql.DatabaseProduct;
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.assertj.core.api.Assertions.assertThatNoException;

/**
 * The JDBC cluster lock on a real (in-memory H2) database: its table, its holder, and
 * what it refuses.
 */
@ExtendWith(OutputCaptureExtension.class)
class JdbcClusterLockTests {

	private static final Duration AT_MOST = Duration.ofMinutes(1);

	private static final Duration AT_LEAST = Duration.ofSeconds(30);

	@Test
	void theFirstLockCreatesTheTableInAnEmbeddedDatabaseAndNamesThisReplicaAsHolder(CapturedOutput output) {
		JdbcDataSource database = database("first");
		JdbcClusterLock lock = new JdbcClusterLock(database, "locks", DatabaseInitializationMode.EMBEDDED);

		Optional<ClusterLock.Held> held = lock.tryLock("cleanup", AT_MOST, AT_LEAST);

		assertThat(held).isPresent();
		assertThat(lock.holder("cleanup")).contains(lock.self().orElseThrow());
		assertThat(lock.self().orElseThrow()).containsPattern(":" + ProcessHandle.current().pid() + "/[0-9a-f]{6}$");
		assertThat(lock.tryLock("cleanup", AT_MOST, AT_LEAST)).as("held by the first").isEmpty();
		held.get().unlock();
		assertThat(lock.tryLock("cleanup", AT_MOST, AT_LEAST)).as("still within lockAtLeastFor").isEmpty();
		assertThat(output).contains("is in an embedded H2 database, which only this JVM sees");
	}

	@Test
	void aCreateThatLosesTheRaceToAnotherReplicaIsNoFailure() {
		JdbcDataSource database = database("raced");
		new JdbcTemplate(database)
			.execute("CREATE TABLE locks (name VARCHAR(64) NOT NULL, lock_until TIMESTAMP NOT NULL, "
					+ "locked_at TIMESTAMP NOT NULL, locked_by VARCHAR(255) NOT NULL, PRIMARY KEY (name))");
		JdbcClusterLock loser = new JdbcClusterLock(new FailingCreate(database), "locks",
				DatabaseInitializationMode.ALWAYS);

		assertThat(loser.tryLock("cleanup", AT_MOST, AT_LEAST)).isPresent();
	}

	@Test
	void aCreateThatFailsWithNoTableAfterwardsFailsTheLockAndIsTriedAgain() {
		JdbcDataSource database = database("missing");
		JdbcClusterLock lock = new JdbcClusterLock(new FailingCreate(database), "locks",
				DatabaseInitializationMode.ALWAYS);

		assertThatException().isThrownBy(() -> lock.tryLock("cleanup", AT_MOST, AT_LEAST))
			.withStackTraceContaining("duplicate key value violates unique constraint");
		assertThatException().isThrownBy(() -> lock.tryLock("cleanup", AT_MOST, AT_LEAST))
			.withStackTraceContaining("duplicate key value violates unique constraint");
	}

	@Test
	void withNeverNoTableIsCreatedAndTheErrorGivesShedLocksDdl() {
		JdbcDataSource database = database("never");
		JdbcClusterLock lock = new JdbcClusterLock(database, "locks", DatabaseInitializationMode.NEVER);

		assertThatIllegalStateException().isThrownBy(lock::prepare)
			.withMessageStartingWith("The cluster lock table locks does not exist in H2, "
					+ "and oslo.service.periodic.lock.initialize-schema=never does not create it. "
					+ "Create it, e.g. in a schema migration, with ShedLock's DDL:")
			.withMessageContaining("    CREATE TABLE locks (name VARCHAR(64) NOT NULL, lock_until TIMESTAMP NOT NULL, "
					+ "locked_at TIMESTAMP NOT NULL, locked_by VARCHAR(255) NOT NULL, PRIMARY KEY (name));")
			.withMessageEndingWith(
					"or let the application create it with oslo.service.periodic.lock.initialize-schema=always")
			.havingCause()
			.withMessageContaining("Table \"LOCKS\" not found");
		assertThatIllegalStateException().isThrownBy(() -> lock.tryLock("cleanup", AT_MOST, AT_LEAST))
			.withMessageStartingWith("The cluster lock table locks does not exist in H2");
		assertThat(tableExists(database)).isFalse();
	}

	@Test
	void embeddedCreatesNoTableInAServerDatabaseAndTheErrorSaysHowToCreateIt() throws SQLException {
		try (ServerDatabase server = ServerDatabase.start()) {
			DataSource database = server.dataSource("embedded");
			JdbcClusterLock lock = new JdbcClusterLock(database, "locks", DatabaseInitializationMode.EMBEDDED);

			assertThatIllegalStateException().isThrownBy(lock::prepare)
				.withMessageContaining("oslo.service.periodic.lock.initialize-schema=embedded creates it only in an "
						+ "embedded database (H2, HSQLDB or Derby in memory)")
				.withMessageContaining("CREATE TABLE locks (name VARCHAR(64) NOT NULL,")
				.withMessageEndingWith(
						"or let the application create it with oslo.service.periodic.lock.initialize-schema=always");
			assertThat(tableExists(database)).isFalse();
		}
	}

	@Test
	void alwaysCreatesTheTableInAServerDatabaseAtPreparation() throws SQLException {
		try (ServerDatabase server = ServerDatabase.start()) {
			DataSource database = server.dataSource("always");
			JdbcClusterLock lock = new JdbcClusterLock(database, "locks", DatabaseInitializationMode.ALWAYS);

			lock.prepare();

			assertThat(tableExists(database)).isTrue();
			assertThat(lock.tryLock("cleanup", AT_MOST, AT_LEAST)).isPresent();
		}
	}

	@Test
	void aTableThatExistsIsUsedWhateverTheMode() throws SQLException {
		try (ServerDatabase server = ServerDatabase.start()) {
			DataSource database = server.dataSource("existing");
			new JdbcTemplate(database).execute(LockTableDdl.createTable("locks", DatabaseProduct.H2));

			assertThat(new JdbcClusterLock(database, "locks", DatabaseInitializationMode.NEVER).tryLock("cleanup",
					AT_MOST, AT_LEAST))
				.isPresent();
		}
	}

	@Test
	void aDatabaseThatCannotBeReachedAtPreparationIsNoFailure(CapturedOutput output) {
		JdbcDataSource unreachable = new JdbcDataSource();
		unreachable.setURL("jdbc:h2:tcp://localhost:1/mem:unreachable");
		JdbcClusterLock lock = new JdbcClusterLock(unreachable, "locks", DatabaseInitializationMode.NEVER);

		assertThatNoException().isThrownBy(lock::prepare);

		assertThat(output).contains("Cannot prepare the cluster lock table locks at start-up (")
			.contains("it is tried again before each lock");
		assertThatException().isThrownBy(() -> lock.tryLock("cleanup", AT_MOST, AT_LEAST))
			.withStackTraceContaining("Connection refused");
	}

	@Test
	void theDdlInTheErrorIsShedLocksForTheDatabase() {
		assertThat(LockTableDdl.createTable("shedlock", DatabaseProduct.POSTGRES_SQL))
			.isEqualTo("CREATE TABLE shedlock (name VARCHAR(64) NOT NULL, lock_until TIMESTAMP NOT NULL, "
					+ "locked_at TIMESTAMP NOT NULL, locked_by VARCHAR(255) NOT NULL, PRIMARY KEY (name))");
		assertThat(LockTableDdl.createTable("shedlock", DatabaseProduct.MY_SQL))
			.contains("lock_until TIMESTAMP(3) NOT NULL, locked_at TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP(3)");
		assertThat(LockTableDdl.createTable("shedlock", DatabaseProduct.ORACLE))
			.contains("lock_until TIMESTAMP(3) NOT NULL, locked_at TIMESTAMP(3) NOT NULL,");
		assertThat(LockTableDdl.createTable("shedlock", DatabaseProduct.SQL_SERVER))
			.contains("lock_until datetime2 NOT NULL, locked_at datetime2 NOT NULL,");
	}

	@Test
	void aTableNameThatIsNotPlainSqlIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new JdbcClusterLock(database("names"), "locks; DROP TABLE users",
					DatabaseInitializationMode.ALWAYS))
			.withMessageContaining("was 'locks; DROP TABLE users'");
	}

	@Test
	void aTaskNameLongerThanTheNameColumnIsRefusedNamingTheFix() {
		JdbcClusterLock lock = new JdbcClusterLock(database("long"), "locks", DatabaseInitializationMode.ALWAYS);

		assertThatIllegalArgumentException().isThrownBy(() -> lock.tryLock("x".repeat(65), AT_MOST, AT_LEAST))
			.withMessageContaining("holds 64 characters; rename periodic task 'xxx")
			.withMessageEndingWith("with @PeriodicTask(name = ...)");
	}

	@Test
	void databasesInsideThisJvmAreToldApartFromSharedOnes() {
		assertThat(JdbcClusterLock.isInProcess("jdbc:h2:mem:oslo")).isTrue();
		assertThat(JdbcClusterLock.isInProcess("jdbc:h2:file:./data/oslo")).isTrue();
		assertThat(JdbcClusterLock.isInProcess("jdbc:hsqldb:mem:oslo")).isTrue();
		assertThat(JdbcClusterLock.isInProcess("jdbc:derby:memory:oslo;create=true")).isTrue();
		assertThat(JdbcClusterLock.isInProcess("jdbc:h2:tcp://db:9092/oslo")).isFalse();
		assertThat(JdbcClusterLock.isInProcess("jdbc:derby://db:1527/oslo")).isFalse();
		assertThat(JdbcClusterLock.isInProcess("jdbc:postgresql://127.0.0.1:5432/oslo")).isFalse();
	}

	private static boolean tableExists(DataSource database) {
		return new JdbcTemplate(database).queryForObject(
				"SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME = 'LOCKS'",
				Integer.class) == 1;
	}

	private static JdbcDataSource database(String name) {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
		return dataSource;
	}

	/**
	 * A database whose {@code CREATE TABLE} fails, as PostgreSQL's does for the loser of
	 * a race.
	 */
	private static final class FailingCreate extends DelegatingDataSource {

		FailingCreate(DataSource target) {
			super(target);
		}

		@Override
		public Connection getConnection() throws SQLException {
			Connection connection = super.getConnection();
			return (Connection) Proxy.newProxyInstance(getClass().getClassLoader(), new Class<?>[] { Connection.class },
					(proxy, method, args) -> {
						Object result = invoke(method, connection, args);
						return method.getName().equals("createStatement") ? failingCreate((Statement) result) : result;
					});
		}

		private static Statement failingCreate(Statement statement) {
			return (Statement) Proxy.newProxyInstance(FailingCreate.class.getClassLoader(),
					new Class<?>[] { Statement.class }, (proxy, method, args) -> {
						if (method.getName().equals("execute") && args[0].toString().startsWith("CREATE TABLE")) {
							throw new SQLException(
									"duplicate key value violates unique constraint \"pg_type_typname_nsp_index\"");
						}
						return invoke(method, statement, args);
					});
		}

		private static Object invoke(Method method, Object target, Object[] args) throws Throwable {
			try {
				return method.invoke(target, args);
			}
			catch (InvocationTargetException ex) {
				throw ex.getCause();
			}
		}

	}

}
