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
import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.DelegatingDataSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatException;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

/**
 * The JDBC cluster lock on a real (in-memory H2) database: its table, its holder, and
 * what it refuses.
 */
@ExtendWith(OutputCaptureExtension.class)
class JdbcClusterLockTests {

	private static final Duration AT_MOST = Duration.ofMinutes(1);

	private static final Duration AT_LEAST = Duration.ofSeconds(30);

	@Test
	void theFirstLockCreatesTheTableAndNamesThisReplicaAsHolder(CapturedOutput output) {
		JdbcDataSource database = database("first");
		JdbcClusterLock lock = new JdbcClusterLock(database, "locks", true);

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
		JdbcClusterLock loser = new JdbcClusterLock(new FailingCreate(database), "locks", true);

		assertThat(loser.tryLock("cleanup", AT_MOST, AT_LEAST)).isPresent();
	}

	@Test
	void aCreateThatFailsWithNoTableAfterwardsFailsTheLockAndIsTriedAgain() {
		JdbcDataSource database = database("missing");
		JdbcClusterLock lock = new JdbcClusterLock(new FailingCreate(database), "locks", true);

		assertThatException().isThrownBy(() -> lock.tryLock("cleanup", AT_MOST, AT_LEAST))
			.withStackTraceContaining("duplicate key value violates unique constraint");
		assertThatException().isThrownBy(() -> lock.tryLock("cleanup", AT_MOST, AT_LEAST))
			.withStackTraceContaining("duplicate key value violates unique constraint");
	}

	@Test
	void withCreationOffNoTableIsCreated() {
		JdbcDataSource database = database("off");
		JdbcClusterLock lock = new JdbcClusterLock(database, "locks", false);

		assertThatException().isThrownBy(() -> lock.tryLock("cleanup", AT_MOST, AT_LEAST));
		assertThat(new JdbcTemplate(database).queryForObject(
				"SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME = 'LOCKS'",
				Integer.class))
			.isZero();
	}

	@Test
	void aTableNameThatIsNotPlainSqlIsRefused() {
		assertThatIllegalArgumentException()
			.isThrownBy(() -> new JdbcClusterLock(database("names"), "locks; DROP TABLE users", true))
			.withMessageContaining("was 'locks; DROP TABLE users'");
	}

	@Test
	void aTaskNameLongerThanTheNameColumnIsRefusedNamingTheFix() {
		JdbcClusterLock lock = new JdbcClusterLock(database("long"), "locks", true);

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
