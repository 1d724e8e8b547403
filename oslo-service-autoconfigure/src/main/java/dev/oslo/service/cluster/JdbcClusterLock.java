package dev.oslo.service.cluster;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import javax.sql.DataSource;

import dev.oslo.service.periodic.ClusterLock;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;
import net.javacrumbs.shedlock.provider.sql.DatabaseProduct;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.jdbc.EmbeddedDatabaseConnection;
import org.springframework.boot.sql.init.DatabaseInitializationMode;
import org.springframework.dao.DataAccessException;
import org.springframework.jdbc.core.ConnectionCallback;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.jdbc.datasource.SingleConnectionDataSource;

/**
 * The cluster lock on the application's {@link DataSource}: ShedLock's JDBC provider on
 * database time, {@code locked_by} this replica's {@link LockHolder name}. At start-up
 * (and before each lock until then), once the database answers, it finds out which
 * database it is, creates the table where {@code initialize-schema} says so (as Spring
 * Boot does for its own schemas: by default only in an embedded database) or else checks
 * that it exists, and only then builds the provider, so that ShedLock never guesses the
 * database from a failed connection. A missing table is reported with ShedLock's DDL for
 * the database.
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

	private static final String INITIALIZE_SCHEMA = "oslo.service.periodic.lock.initialize-schema";

	private static final Logger logger = LoggerFactory.getLogger(JdbcClusterLock.class);

	private final JdbcTemplate jdbc;

	private final String table;

	private final DatabaseInitializationMode initializeSchema;

	private final String holder;

	private volatile @Nullable ShedLockClusterLock ready;

	/**
	 * Describe the lock.
	 * @param dataSource the database
	 * @param table the table's name, a plain SQL name
	 * @param initializeSchema when to create the table if it does not exist: always,
	 * never, or only in an embedded database (H2, HSQLDB or Derby in memory, as Spring
	 * Boot's {@link EmbeddedDatabaseConnection} tells)
	 * @throws IllegalArgumentException if the table's name is not a plain SQL name
	 */
	public JdbcClusterLock(DataSource dataSource, String table, DatabaseInitializationMode initializeSchema) {
		if (!table.matches(PLAIN_TABLE_NAME)) {
			throw new IllegalArgumentException(
					"The lock table's name must be a plain SQL name (" + PLAIN_TABLE_NAME + "), was '" + table + "'");
		}
		this.jdbc = new JdbcTemplate(dataSource);
		this.table = table;
		this.initializeSchema = initializeSchema;
		this.holder = LockHolder.describe();
	}

	/**
	 * Create or check the table now: a table that does not exist and is not to be created
	 * fails, with ShedLock's DDL in the message; a database that cannot be reached is
	 * logged, and everything is tried again before the next lock.
	 * @throws IllegalStateException if the table does not exist and is not created
	 */
	@Override
	public void prepare() {
		try {
			ready();
		}
		catch (DataAccessException ex) {
			logger.warn("Cannot prepare the cluster lock table {} at start-up ({}); it is tried again before each lock",
					this.table, ex.getMostSpecificCause().toString());
		}
	}

	@Override
	public Optional<Held> tryLock(String name, Duration lockAtMostFor, Duration lockAtLeastFor) {
		if (name.length() > MAX_NAME_LENGTH) {
			throw new IllegalArgumentException("The lock table's name column holds " + MAX_NAME_LENGTH
					+ " characters; rename periodic task '" + name + "' with @PeriodicTask(name = ...)");
		}
		return ready().tryLock(name, lockAtMostFor, lockAtLeastFor);
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

	private ShedLockClusterLock ready() {
		ShedLockClusterLock lock = this.ready;
		if (lock != null) {
			return lock;
		}
		synchronized (this) {
			if (this.ready == null) {
				this.ready = build();
			}
			return this.ready;
		}
	}

	private ShedLockClusterLock build() {
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
		DatabaseMetaData metaData = connection.getMetaData();
		String productName = metaData.getDatabaseProductName();
		DatabaseProduct product = DatabaseProduct.matchProductName(productName);
		if (isInProcess(metaData.getURL())) {
			logger.warn("The cluster lock of singleton periodic tasks is in an embedded {} database, which only this "
					+ "JVM sees: every replica and every worker runs them. Point spring.datasource.url at a shared "
					+ "database", productName);
		}
		boolean create = createsTable(connection);
		if (create && LockTableDdl.creatable(product)) {
			createTable(connection, product);
			return product;
		}
		SQLException unreadable = unreadable(connection);
		if (unreadable != null) {
			throw new IllegalStateException(missingTable(product, productName, create), unreadable);
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

	private boolean createsTable(Connection connection) {
		return switch (this.initializeSchema) {
			case ALWAYS -> true;
			case NEVER -> false;
			case EMBEDDED -> EmbeddedDatabaseConnection.isEmbedded(new SingleConnectionDataSource(connection, true));
		};
	}

	private void createTable(Connection connection, DatabaseProduct product) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.execute(LockTableDdl.createTableIfNotExists(this.table, product));
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
			if (unreadable(connection) != null) {
				throw ex;
			}
		}
	}

	/**
	 * Why the table cannot be read, when it cannot: a query of it fails, other than by a
	 * lost connection (SQLSTATE class 08), which is the database's failure.
	 * @return the query's failure, or {@code null} when the table can be read
	 * @throws SQLException if the connection was lost
	 */
	private @Nullable SQLException unreadable(Connection connection) throws SQLException {
		try (Statement statement = connection.createStatement()) {
			statement.executeQuery("SELECT name FROM " + this.table + " WHERE 1 = 0").close();
			return null;
		}
		catch (SQLException ex) {
			String state = ex.getSQLState();
			if (state != null && state.startsWith("08")) {
				throw ex;
			}
			if (!connection.getAutoCommit()) {
				connection.rollback();
			}
			logger.debug("Cannot read the cluster lock table {}", this.table, ex);
			return ex;
		}
	}

	private String missingTable(DatabaseProduct product, String productName, boolean create) {
		String mode = this.initializeSchema.name().toLowerCase(Locale.ROOT);
		String why = create ? "the application creates it only in PostgreSQL and H2"
				: INITIALIZE_SCHEMA + "=" + mode
						+ ((this.initializeSchema == DatabaseInitializationMode.EMBEDDED)
								? " creates it only in an embedded database (H2, HSQLDB or Derby in memory)"
								: " does not create it");
		String message = "The cluster lock table " + this.table + " does not exist in " + productName + ", and " + why
				+ ". Create it, e.g. in a schema migration, with ShedLock's DDL:" + System.lineSeparator() + "    "
				+ LockTableDdl.createTable(this.table, product) + ";";
		if (!create && LockTableDdl.creatable(product)) {
			message += System.lineSeparator() + "or let the application create it with " + INITIALIZE_SCHEMA
					+ "=always";
		}
		return message;
	}

}
