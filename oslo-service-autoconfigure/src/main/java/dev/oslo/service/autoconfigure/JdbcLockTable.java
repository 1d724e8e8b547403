package dev.oslo.service.autoconfigure;

import java.util.List;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The table of the JDBC cluster lock: created, if asked, before the first lock (and again after a
 * failed attempt, e.g. while the database is down), and read to tell who holds a lock.
 */
final class JdbcLockTable {

	private static final Logger logger = LoggerFactory.getLogger(JdbcLockTable.class);

	private final JdbcTemplate jdbc;

	private final String name;

	private final boolean create;

	private volatile boolean ready;

	/**
	 * Describe the table.
	 * @param jdbc the database
	 * @param name the table's name, a plain SQL name
	 * @param create whether to create it when it does not exist
	 */
	JdbcLockTable(JdbcTemplate jdbc, String name, boolean create) {
		this.jdbc = jdbc;
		this.name = name;
		this.create = create;
	}

	/**
	 * Make sure the table exists, once.
	 * @throws org.springframework.dao.DataAccessException if it cannot be created
	 */
	void ensureExists() {
		if (this.ready || !this.create) {
			return;
		}
		synchronized (this) {
			if (!this.ready) {
				create();
				logger.info("Cluster lock table {} is ready", this.name);
				this.ready = true;
			}
		}
	}

	/**
	 * Create the table. Replicas starting together race to create it, and some databases
	 * (PostgreSQL) fail the loser's {@code CREATE TABLE IF NOT EXISTS}: a table that exists
	 * afterwards is a success.
	 */
	private void create() {
		try {
			this.jdbc.execute("CREATE TABLE IF NOT EXISTS " + this.name + " (name VARCHAR(64) NOT NULL, "
					+ "lock_until TIMESTAMP NOT NULL, locked_at TIMESTAMP NOT NULL, locked_by VARCHAR(255) NOT NULL, "
					+ "PRIMARY KEY (name))");
		}
		catch (DataAccessException ex) {
			try {
				this.jdbc.queryForList("SELECT name FROM " + this.name + " WHERE 1 = 0");
			}
			catch (DataAccessException missing) {
				ex.addSuppressed(missing);
				throw ex;
			}
		}
	}

	/**
	 * Who took the lock last: the holder while it is held.
	 * @param lock the lock's name
	 * @return the {@code locked_by} value, or empty when the lock was never taken
	 */
	Optional<String> holder(String lock) {
		List<String> holders = this.jdbc.queryForList("SELECT locked_by FROM " + this.name + " WHERE name = ?",
				String.class, lock);
		return holders.stream().findFirst();
	}

}
