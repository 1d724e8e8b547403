package dev.oslo.service.process;

import java.io.Closeable;
import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Starts worker JVMs, each with a control socket of its own in a directory that only this
 * user can enter (mode 0700). A worker finds its socket in its environment
 * ({@link WorkerIdentity}); the socket file is removed as soon as the worker has
 * connected, or when it exits without doing so; the directory when the supervisor closes,
 * or else when the JVM exits normally. The command is asked for at each spawn.
 */
final class WorkerSpawner implements Closeable {

	private static final Logger logger = LoggerFactory.getLogger(WorkerSpawner.class);

	private final Supplier<WorkerCommand> commands;

	private final Path directory;

	private final AtomicLong sockets = new AtomicLong();

	WorkerSpawner(Supplier<WorkerCommand> commands) throws IOException {
		this.commands = commands;
		this.directory = Files.createTempDirectory("oslo-service-",
				PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
		this.directory.toFile().deleteOnExit();
	}

	/**
	 * Start a worker JVM, or a standby.
	 * @param id its slot, or {@link WorkerIdentity#STANDBY_ID}
	 * @param generation the generation it joins
	 * @param epoch the master's configuration epoch now
	 * @return the process
	 * @throws IOException if it cannot be started
	 */
	WorkerProcess spawn(int id, int generation, int epoch) throws IOException {
		Path socket = this.directory.resolve("worker-" + id + "-" + this.sockets.incrementAndGet() + ".sock");
		ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
		Process process;
		try {
			server.bind(UnixDomainSocketAddress.of(socket));
			ProcessBuilder builder = this.commands.get().processBuilder().inheritIO();
			builder.environment().putAll(new WorkerIdentity(id, generation, socket).toEnvironment());
			process = builder.start();
		}
		catch (IOException ex) {
			close(server, socket);
			throw ex;
		}
		WorkerProcess worker = new WorkerProcess(id, generation, epoch, process);
		Thread control = new Thread(() -> serve(server, socket, worker), "oslo-worker-" + id + "-control");
		control.setDaemon(true);
		control.start();
		process.onExit().thenRun(() -> close(server, socket));
		return worker;
	}

	private void serve(ServerSocketChannel server, Path socket, WorkerProcess worker) {
		SocketChannel accepted;
		try {
			accepted = server.accept();
		}
		catch (IOException ex) {
			return;
		}
		finally {
			close(server, socket);
		}
		try (ControlConnection connection = new ControlConnection(accepted)) {
			worker.connected(connection);
			ControlMessage message;
			while ((message = connection.receive()) != null) {
				worker.received(message);
			}
		}
	}

	private static void close(ServerSocketChannel server, Path socket) {
		try {
			server.close();
			Files.deleteIfExists(socket);
		}
		catch (IOException ex) {
			logger.debug("Could not remove the control socket {}", socket, ex);
		}
	}

	/**
	 * Remove the socket directory.
	 */
	@Override
	public void close() {
		try (var files = Files.list(this.directory)) {
			for (Path file : files.toList()) {
				Files.deleteIfExists(file);
			}
			Files.deleteIfExists(this.directory);
		}
		catch (IOException ex) {
			logger.debug("Could not remove the control socket directory {}", this.directory, ex);
		}
	}

}
