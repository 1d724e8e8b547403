package dev.oslo.service.cluster;

import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import dev.oslo.service.periodic.ClusterLock;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.provider.sql.DatabaseProduct;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The cluster lock on the application's {@link DataSource}: ShedLock's JDBC provider on
 * database time, {@code locked_by} this replica's {@link LockHolder name}. Before the
 * first lock, once the database answers, it finds out which database it is, creates the
 * table if asked (PostgreSQL and H2, whose {@code CREATE TABLE IF NOT EXISTS} and
 * timestamps ShedLock's recommendation matches; other databases get ShedLock's DDL in the
 * error), and only then builds the provider, so that ShedLock never guesses the database
 * from a failed connection.
 *
 * @since 0.1.0
 */
public final class JdbcClusterLock implements ClusterLock {

	/**
	 * What a lock table's name may be: a plain SQL name, optionally schema-qualified,
	 * since it is written into the SQL.
	 */
	public static final String PLAIN_TABLE_NAME = "[A-Za-z_][A-Za-z0-9_.]*";

	/** The width of the lock table's {@code name} column. */
	static final int MAX_NAME_LENGTH = 64;

	private static final Logger logger = LoggerFactory.getLogger(JdbcClusterLock.class);

	private final JdbcTemplate jdbc;

	private final String table;

	private final boolean createTable;

	private final String holder;

	private volatile @Nullable ShedLockClusterLock ready;

	/**
	 * Describe the lock.
	 * @param dataSource the database
	 * @param table the table's name, a plain SQL name
	 * @param createTable whether to create the table when it does not exist
	 * @throws IllegalArgumentException if the table's name is not a plain SQL name
	 */
	public JdbcClusterLock(DataSource dataSource, String table, boolean createTable) {
		if (!table.matches(PLAIN_TABLE_NAME)) {
			throw new IllegalArgumentException(
					"The lock table's name must be a plain SQL name (" + PLAIN_TABLE_NAME + "), was '" + table + "'");
		}
		this.jdbc = new JdbcTemplate(dataSource);
		this.table = table;
		this.createTable = createTable;
		this.holder = LockHolder.describe();
	}

	@Override
	public Optional<Held> tryLock(String name, Duration lockAtMostFor, Duration lockAtLeastFor) {
		if (name.length() > MAX_NAME_LENGTH) {
			throw new IllegalArgumentException("The lock table's name column holds " + MAX_NAME_LENGTH
					+ " characters; rename periodic task '" + name + "' with @PeriodicTask(name = ...)");
		}
		return prepared().tryLock(name, lockAtMostFor, lockAtLeastFor);
	}

	/**
	 * Who took the lock last: the holder while it is held.
	 */
	@Override
	public Optional<String> holder(String name) {
		List<@Nullable String> holders = this.jdbc
			.queryForList("SELECT locked_by FROM " + this.table + " WHERE name = ?", String.class, name);
		return holders.isEmpty() ? Optional.empty() : Optional.ofNullable(holders.get(0));
	}

	/**
	 * This replica's {@code locked_by}.
	 */
	@Override
	public Optional<String> self() {
		return Optional.of(this.holder);
	}

	private ShedLockClusterLock prepared() {
		ShedLockClusterLock lock = this.ready;
		if (lock != null) {
			return lock;
		}
		synchronized (this) {
			if (this.ready == null) {
				this.ready = prepare();
			}
			return this.ready;
		}
	}

	private ShedLockClusterLock prepare() {
		DatabaseProduct product = this.jdbc.execute((ConnectionCallback<DatabaseProduct>) this::inspect);
		LockProvider provider = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
			.withJdbcTemplate(this.jdbc)
			.withTableName(this.table)
			.withLockedByValue(this.holder)
			.withDatabaseProduct(product)
			.usingDbTime()
			.build());
		logger.info("Cluster lock of singleton periodic tasks: table {} ({}), holder {}", this.table, product,
				this.holder);
		return new ShedLockClusterLock(provider);
	}

	private DatabaseProduct inspect(Connection connection) throws SQLException {
		String productName = connection.getMetaData().getDatabaseProductName();
		DatabaseProduct product = DatabaseProduct.matchProductName(productName);
		if (isInProcess(connection.getMetaData().getURL())) {
			logger.warn("The cluster lock of singleton periodic tasks is in an embedded {} database, which only this "
					+ "JVM sees: every replica and every worker runs them. Point spring.datasource.url at a shared "
					+ "database", productName);
		}
		if (this.createTable) {
			createTable(connection, product, productName);
		}
		return product;
	}

	/**
	 * Whether a JDBC URL names a database inside this JVM (H2, HSQLDB or Derby, not over
	 * the network).
	 */
	static boolean isInProcess(@Nullable String url) {
		if (url == null) {
			return false;
		}
		return (url.startsWith("jdbc:h2:") && !url.startsWith("jdbc:h2:tcp:") && !url.startsWith("jdbc:h2:ssl:"))
				|| url.startsWith("jdbc:hsqldb:mem:") || url.startsWith("jdbc:hsqldb:file:")
				|| (url.startsWith("jdbc:derby:") && !url.startsWith("jdbc:derby://"));
	}

	private void createTable(Connection connection, DatabaseProduct product, String productName) throws SQLException {
		String ddl = "CREATE TABLE IF NOT EXISTS " + this.table + " (name VARCHAR(" + MAX_NAME_LENGTH + ") NOT NULL, "
				+ "lock_until TIMESTAMP NOT NULL, locked_at TIMESTAMP NOT NULL, locked_by VARCHAR(255) NOT NULL, "
				+ "PRIMARY KEY (name))";
		if (product != DatabaseProduct.POSTGRES_SQL && product != DatabaseProduct.H2) {
			if (!tableExists(connection)) {
				throw new IllegalStateException("The cluster lock table " + this.table + " does not exist, and is "
						+ "created only on PostgreSQL and H2, not on " + productName
						+ ": create it with ShedLock's DDL "
						+ "for your database (https://github.com/lukas-krecan/ShedLock#configure-lockprovider), then set "
						+ "oslo.service.periodic.lock.create-table=false");
			}
			return;
		}
		try (Statement statement = connection.createStatement()) {
			statement.execute(ddl);
			if (!connection.getAutoCommit()) {
				connection.commit();
			}
		}
		catch (SQLException ex) {
			// Replicas starting together race to create it; PostgreSQL fails the loser's
			// IF NOT EXISTS.
			if (!connection.getAutoCommit()) {
				connection.rollback();
			}
			if (!tableExists(connection)) {
				throw ex;
			}
		}
	}

	private boolean tableExists(Connection connection) {
		try (Statement statement = connection.createStatement()) {
			statement.executeQuery("SELECT name FROM " + this.table + " WHERE 1 = 0").close();
			return true;
		}
		catch (SQLException ex) {
			try {
				if (!connection.getAutoCommit()) {
					connection.rollback();
				}
			}
			catch (SQLException rollback) {
				ex.addSuppressed(rollback);
			}
			logger.debug("No cluster lock table {}", this.table, ex);
			return false;
		}
	}

}
