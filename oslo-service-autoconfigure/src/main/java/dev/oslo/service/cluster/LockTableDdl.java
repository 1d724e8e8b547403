package dev.oslo.service.cluster;

import net.javacrumbs.shedlock.provider.sql.DatabaseProduct;

/**
 * ShedLock's DDL of the lock table, as its documentation gives it for each database
 * (https://github.com/lukas-krecan/ShedLock#jdbctemplate): millisecond timestamps where a
 * plain {@code TIMESTAMP} would round to the second.
 */
final class LockTableDdl {

	private LockTableDdl() {
	}

	/**
	 * The statement that creates the table.
	 * @param table the table's name
	 * @param product the database
	 * @return a {@code CREATE TABLE} statement
	 */
	static String createTable(String table, DatabaseProduct product) {
		return "CREATE TABLE " + table + columns(product);
	}

	/**
	 * The statement that creates the table unless it exists, on the databases that know
	 * {@code IF NOT EXISTS} and whose columns the application creates: PostgreSQL and H2.
	 * @param table the table's name
	 * @param product PostgreSQL or H2
	 * @return a {@code CREATE TABLE IF NOT EXISTS} statement
	 */
	static String createTableIfNotExists(String table, DatabaseProduct product) {
		return "CREATE TABLE IF NOT EXISTS " + table + columns(product);
	}

	/**
	 * Whether the application creates the table on a database.
	 * @param product the database
	 * @return whether it is PostgreSQL or H2
	 */
	static boolean creatable(DatabaseProduct product) {
		return product == DatabaseProduct.POSTGRES_SQL || product == DatabaseProduct.H2;
	}

	private static String columns(DatabaseProduct product) {
		String timestamp = switch (product) {
			case MY_SQL, MARIA_DB, ORACLE -> "TIMESTAMP(3)";
			case SQL_SERVER -> "datetime2";
			default -> "TIMESTAMP";
		};
		String lockedAtDefault = (product == DatabaseProduct.MY_SQL || product == DatabaseProduct.MARIA_DB)
				? " DEFAULT CURRENT_TIMESTAMP(3)" : "";
		return " (name VARCHAR(" + JdbcClusterLock.MAX_NAME_LENGTH + ") NOT NULL, lock_until " + timestamp
				+ " NOT NULL, locked_at " + timestamp + " NOT NULL" + lockedAtDefault
				+ ", locked_by VARCHAR(255) NOT NULL, PRIMARY KEY (name))";
	}

}
