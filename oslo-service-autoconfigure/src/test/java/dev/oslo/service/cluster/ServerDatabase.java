package dev.oslo.service.cluster;

import java.sql.SQLException;

import javax.sql.DataSource;

import org.h2.jdbcx.JdbcDataSource;
import org.h2.tools.Server;

/**
 * An H2 database reached over TCP, as a server database is: Spring Boot does not count it
 * as embedded, so the cluster lock treats it as it would PostgreSQL.
 */
public final class ServerDatabase implements AutoCloseable {

	private final Server server;

	private ServerDatabase(Server server) {
		this.server = server;
	}

	/**
	 * Start a server on a free port, which creates databases on first connection.
	 * @return the running server
	 * @throws SQLException if it cannot start
	 */
	public static ServerDatabase start() throws SQLException {
		return new ServerDatabase(Server.createTcpServer("-tcpPort", "0", "-ifNotExists").start());
	}

	/**
	 * The JDBC URL of an in-memory database of this server.
	 * @param name the database's name
	 * @return its URL, {@code jdbc:h2:tcp://...}
	 */
	public String url(String name) {
		return "jdbc:h2:tcp://localhost:" + this.server.getPort() + "/mem:" + name + ";DB_CLOSE_DELAY=-1";
	}

	/**
	 * A data source of an in-memory database of this server.
	 * @param name the database's name
	 * @return the data source
	 */
	public DataSource dataSource(String name) {
		JdbcDataSource dataSource = new JdbcDataSource();
		dataSource.setURL(url(name));
		return dataSource;
	}

	@Override
	public void close() {
		this.server.stop();
	}

}
