package dev.oslo.service.autoconfigure;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.Test;

import org.springframework.dao.DataAccessException;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.jdbc.core.JdbcTemplate;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

/**
 * The JDBC lock's table: created once, and a lost race to create it is no failure.
 */
class JdbcLockTableTests {

	@Test
	void theTableIsCreatedOnceAndTellsTheHolder() {
		JdbcTemplate jdbc = new JdbcTemplate(database("created"));
		JdbcLockTable table = new JdbcLockTable(jdbc, "locks", true);

		table.ensureExists();
		table.ensureExists();
		jdbc.update("INSERT INTO locks VALUES ('cleanup', CURRENT_TIMESTAMP, CURRENT_TIMESTAMP, 'node-a:42')");

		assertThat(table.holder("cleanup")).contains("node-a:42");
		assertThat(table.holder("other")).isEmpty();
	}

	@Test
	void aCreateThatFailsBecauseAnotherReplicaWonTheRaceIsASuccess() {
		JdbcDataSource database = database("raced");
		new JdbcLockTable(new JdbcTemplate(database), "locks", true).ensureExists();
		JdbcLockTable loser = new JdbcLockTable(new FailingCreate(database), "locks", true);

		loser.ensureExists();

		assertThat(loser.holder("cleanup")).isEmpty();
	}

	@Test
	void aCreateThatFailsWithNoTableAfterwardsIsAFailure() {
		JdbcTemplate jdbc = new FailingCreate(database("missing"));

		assertThatExceptionOfType(DataAccessException.class)
			.isThrownBy(() -> new JdbcLockTable(jdbc, "locks", true).ensureExists())
			.withMessageContaining("duplicate key");
	}

	@Test
	void withCreationOffNothingIsCreated() {
		JdbcTemplate jdbc = new JdbcTemplate(database("off"));
		new JdbcLockTable(jdbc, "locks", false).ensureExists();

		assertThat(jdbc.queryForObject(
				"SELECT COUNT(*) FROM INFORMATION_SCHEMA.TABLES WHERE TABLE_SCHEMA = 'PUBLIC' AND TABLE_NAME = 'LOCKS'",
				Integer.class)).isZero();
	}

	private static JdbcDataSource database(String name) {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL("jdbc:h2:mem:" + name + ";DB_CLOSE_DELAY=-1");
		return dataSource;
	}

	/**
	 * A database whose {@code CREATE TABLE} fails, as PostgreSQL's does for the loser of a race.
	 */
	private static final class FailingCreate extends JdbcTemplate {

		FailingCreate(DataSource dataSource) {
			super(dataSource);
		}

		@Override
		public void execute(String sql) {
			if (sql.startsWith("CREATE TABLE")) {
				throw new DataAccessResourceFailureException(
						"duplicate key value violates unique constraint \"pg_type_typname_nsp_index\"");
			}
			super.execute(sql);
		}

	}

}
