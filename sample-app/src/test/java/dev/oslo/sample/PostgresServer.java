package dev.oslo.sample;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * A private PostgreSQL server for tests, from the machine's own binaries (Debian's
 * {@code postgresql} package): its own data directory, its own port on 127.0.0.1, user
 * and database {@code oslo}, no password. It can be stopped and started again on the same
 * port, as an outage would. As root, the server runs as the {@code postgres} user, since
 * PostgreSQL refuses root.
 */
final class PostgresServer implements AutoCloseable {

	static final String DATABASE = "oslo";

	private final Path bin;

	private final Path directory;

	private final int port;

	private PostgresServer(Path bin, Path directory, int port) {
		this.bin = bin;
		this.directory = directory;
		this.port = port;
	}

	/**
	 * Create a data directory and start the server.
	 * @return the running server
	 * @throws IllegalStateException if PostgreSQL is not installed, naming the package
	 */
	static PostgresServer start() throws IOException, InterruptedException {
		Path bin = binaries().orElseThrow(() -> new IllegalStateException(
				"PostgreSQL's server binaries (initdb, pg_ctl) are not installed; on Debian or Ubuntu: "
						+ "apt-get install -y postgresql (.ci/run does this)"));
		Path directory = Files.createTempDirectory("oslo-pg");
		PostgresServer server = new PostgresServer(bin, directory, SampleProcess.freePort());
		if (runningAsRoot()) {
			run(List.of("chown", "postgres:", directory.toString()));
		}
		server.pg("initdb", "-D", server.data().toString(), "-U", DATABASE, "--auth=trust", "--no-sync", "-E", "UTF8");
		server.startAgain();
		server.pg("createdb", "-h", "127.0.0.1", "-p", Integer.toString(server.port), "-U", DATABASE, DATABASE);
		return server;
	}

	int port() {
		return this.port;
	}

	/**
	 * Stop the server at once ({@code pg_ctl stop -m fast}): clients lose their
	 * connections.
	 */
	void stop() throws IOException, InterruptedException {
		pg("pg_ctl", "-D", data().toString(), "-m", "fast", "-w", "stop");
	}

	/**
	 * Start the server again, on the same port and data.
	 */
	void startAgain() throws IOException, InterruptedException {
		pg("pg_ctl", "-D", data().toString(), "-l", this.directory.resolve("server.log").toString(), "-w", "-o",
				"-p " + this.port + " -k " + this.directory + " -c listen_addresses=127.0.0.1 -c fsync=off", "start");
	}

	/**
	 * Start the server again if a test left it stopped.
	 */
	void ensureRunning() throws IOException, InterruptedException {
		if (!isRunning()) {
			startAgain();
		}
	}

	@Override
	public void close() throws IOException, InterruptedException {
		try {
			if (isRunning()) {
				stop();
			}
		}
		finally {
			try (Stream<Path> files = Files.walk(this.directory)) {
				files.sorted(Comparator.reverseOrder()).forEach((file) -> file.toFile().delete());
			}
		}
	}

	private boolean isRunning() {
		return Files.exists(data().resolve("postmaster.pid"));
	}

	private Path data() {
		return this.directory.resolve("data");
	}

	private void pg(String program, String... args) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>();
		if (runningAsRoot()) {
			command.addAll(List.of("runuser", "-u", "postgres", "--"));
		}
		command.add(this.bin.resolve(program).toString());
		command.addAll(List.of(args));
		run(command);
	}

	private static void run(List<String> command) throws IOException, InterruptedException {
		Path output = Files.createTempFile("oslo-pg", ".out");
		try {
			Process process = new ProcessBuilder(command).redirectErrorStream(true)
				.redirectOutput(output.toFile())
				.start();
			if (!process.waitFor(60, TimeUnit.SECONDS)) {
				process.destroyForcibly();
				throw new IllegalStateException(command + " did not finish within 60 s");
			}
			if (process.exitValue() != 0) {
				throw new IllegalStateException(
						command + " exited with status " + process.exitValue() + ":\n" + Files.readString(output));
			}
		}
		finally {
			Files.deleteIfExists(output);
		}
	}

	private static Optional<Path> binaries() throws IOException {
		Path debian = Paths.get("/usr/lib/postgresql");
		if (Files.isDirectory(debian)) {
			try (Stream<Path> versions = Files.list(debian)) {
				Optional<Path> newest = versions.map((version) -> version.resolve("bin"))
					.filter((bin) -> Files.isExecutable(bin.resolve("initdb")))
					.max(Comparator.comparing(PostgresServer::majorVersion));
				if (newest.isPresent()) {
					return newest;
				}
			}
		}
		return Stream.of(System.getenv("PATH").split(":"))
			.map(Paths::get)
			.filter((bin) -> Files.isExecutable(bin.resolve("initdb")) && Files.isExecutable(bin.resolve("pg_ctl")))
			.findFirst();
	}

	private static int majorVersion(Path bin) {
		try {
			return Integer.parseInt(bin.getParent().getFileName().toString());
		}
		catch (NumberFormatException ex) {
			return 0;
		}
	}

	private static boolean runningAsRoot() {
		return "root".equals(System.getProperty("user.name"));
	}

}
