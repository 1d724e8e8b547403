package dev.oslo.service.process;

import java.io.Closeable;
import java.io.FileInputStream;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.StandardSocketOptions;
import java.nio.channels.Channel;
import java.nio.channels.ServerSocketChannel;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.IntPredicate;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one listening TCP socket a master shares with its workers, as oslo's forked workers
 * share the socket their parent bound: every worker accepts from the same queue, so a
 * worker that stops accepting leaves the connections waiting there to the others, and no
 * connection waits on a listener that is about to close.
 * <p>
 * The JDK closes every descriptor above 2 in the processes it starts, so the master keeps
 * the socket on its standard input (descriptor 0), which a worker inherits and reads as
 * {@link System#inheritedChannel()}. The socket comes from the service manager when it
 * holds one for this process (systemd's {@code LISTEN_PID}/{@code LISTEN_FDS}, or
 * {@code StandardInput=socket}), so that a restart of the whole service loses no
 * connection either; else the master binds it. Moving a descriptor takes one native call,
 * {@code dup2}: FFM on JDK 22 and later, JNA on JDK 17 to 21.
 *
 * @since 0.1.0
 */
public final class ListeningSocket implements Closeable {

	/**
	 * The variable that tells a worker that its standard input is the listening socket of
	 * its master; its value is the address the socket listens on.
	 */
	public static final String ENVIRONMENT = "OSLO_SERVICE_LISTENING_SOCKET";

	/** The variables by which systemd passes sockets to the master alone. */
	public static final List<String> SERVICE_MANAGER_ENVIRONMENT = List.of("LISTEN_PID", "LISTEN_FDS",
			"LISTEN_FDNAMES");

	private static final Logger logger = LoggerFactory.getLogger(ListeningSocket.class);

	private static final int STANDARD_INPUT = 0;

	/** The first descriptor systemd passes ({@code SD_LISTEN_FDS_START}). */
	private static final int FIRST_PASSED = 3;

	private static final String LISTEN = "0A";

	private static final String NULL_DEVICE = "/dev/null";

	private static final String BOUND_HERE = "bound by the master";

	private final FileDescriptors descriptors;

	private final InetSocketAddress address;

	private final String origin;

	private final AtomicBoolean closed = new AtomicBoolean();

	private ListeningSocket(FileDescriptors descriptors, InetSocketAddress address, String origin) {
		this.descriptors = descriptors;
		this.address = address;
		this.origin = origin;
	}

	/**
	 * The socket for this master's workers: the one its service manager passed, else a
	 * new one bound to {@code requested}.
	 * @param requested where to listen when the service manager passed no socket
	 * @param backlog the length of the queue of connections not yet accepted
	 * @param environment this process's environment
	 * @return the socket, on this process's standard input
	 * @throws IOException if the address cannot be bound (e.g. it is in use) or the
	 * socket cannot be moved
	 * @throws IllegalStateException if neither FFM (JDK 22+) nor JNA is available
	 */
	public static ListeningSocket open(InetSocketAddress requested, int backlog, Map<String, String> environment)
			throws IOException {
		FileDescriptors descriptors = FileDescriptors.detect()
			.orElseThrow(() -> new IllegalStateException("Workers share the master's listening socket, which takes "
					+ "one native call: on JDK 17 to 21 add net.java.dev.jna:jna to the application "
					+ "(JDK 22 and later need nothing)"));
		if (passedBySystemd(environment)) {
			descriptors.duplicate(FIRST_PASSED, STANDARD_INPUT);
			descriptors.closeDescriptor(FIRST_PASSED);
			return inherited(descriptors, "passed by systemd (LISTEN_FDS)", requested);
		}
		if (isListening(STANDARD_INPUT)) {
			return inherited(descriptors, "on standard input (StandardInput=socket)", requested);
		}
		try (ServerSocketChannel bound = ServerSocketChannel.open()) {
			bound.setOption(StandardSocketOptions.SO_REUSEADDR, true);
			bound.bind(requested, backlog);
			int port = ((InetSocketAddress) bound.getLocalAddress()).getPort();
			descriptors.duplicate(descriptorOf(port), STANDARD_INPUT);
		}
		return inherited(descriptors, BOUND_HERE, requested);
	}

	/**
	 * Where the socket listens.
	 * @return its local address; the port chosen when {@code server.port} was 0
	 */
	public InetSocketAddress address() {
		return this.address;
	}

	/**
	 * Where the socket came from, for the log: bound by the master, or passed by the
	 * service manager.
	 * @return a phrase
	 */
	public String origin() {
		return this.origin;
	}

	/**
	 * What a worker's environment needs to use this socket.
	 * @return the variables
	 */
	public Map<String, String> workerEnvironment() {
		return Map.of(ENVIRONMENT, this.address.getHostString() + ":" + this.address.getPort());
	}

	/**
	 * The group is stopping: stop listening, then drop the master's reference, pointing
	 * its standard input at {@code /dev/null} (closing the inherited channel would point
	 * standard output and error there too).
	 * <p>
	 * A socket the master bound stops listening at once, for the workers too, while they
	 * are still accepting: the few connections that arrived since their last
	 * {@code accept} are reset, and every later one is refused at once, rather than
	 * waiting in a queue that no worker reads any more and being reset when the last
	 * worker exits. A socket the service manager passed keeps listening: it outlives this
	 * process, and connections wait in it for the next one. Later calls do nothing.
	 */
	@Override
	public void close() {
		if (!this.closed.compareAndSet(false, true)) {
			return;
		}
		if (this.origin.equals(BOUND_HERE)) {
			try {
				this.descriptors.shutdownReading(STANDARD_INPUT);
			}
			catch (IOException ex) {
				logger.warn("Could not stop the listening socket listening", ex);
			}
		}
		dropStandardInput(this.descriptors);
	}

	/**
	 * Whether the socket this worker inherited still listens: it does not once its master
	 * has stopped it (see {@link #close()}).
	 * @return whether it listens
	 */
	public static boolean inheritedListens() {
		try {
			return isListening(STANDARD_INPUT);
		}
		catch (IOException ex) {
			return true;
		}
	}

	/**
	 * In a worker that has stopped accepting for good, drop its reference to the socket
	 * it inherited, as {@link #close()} does in the master: once the master and every
	 * worker have stopped, the socket closes and new connections are refused instead of
	 * waiting for processes that are only finishing their requests.
	 */
	public static void releaseInherited() {
		FileDescriptors.detect().ifPresent(ListeningSocket::dropStandardInput);
	}

	private static void dropStandardInput(FileDescriptors descriptors) {
		try (FileInputStream nullDevice = new FileInputStream(NULL_DEVICE)) {
			descriptors.duplicate(descriptorLinkedTo(NULL_DEVICE), STANDARD_INPUT);
		}
		catch (IOException ex) {
			logger.warn("Could not drop this process's reference to the listening socket", ex);
		}
	}

	private static ListeningSocket inherited(FileDescriptors descriptors, String origin, InetSocketAddress requested)
			throws IOException {
		Channel channel = System.inheritedChannel();
		if (!(channel instanceof ServerSocketChannel server)) {
			throw new IOException("The socket to share with the workers is not on standard input (found " + channel
					+ "); was System.inheritedChannel() called before the master moved it there?");
		}
		SocketAddress local = server.getLocalAddress();
		if (!(local instanceof InetSocketAddress address)) {
			throw new IOException("The socket to share with the workers is not a TCP socket: " + local);
		}
		if (requested.getPort() != 0 && requested.getPort() != address.getPort()) {
			logger.warn("Listening on {}, {}, rather than on port {} of server.port", address, origin,
					requested.getPort());
		}
		return new ListeningSocket(descriptors, address, origin);
	}

	private static boolean passedBySystemd(Map<String, String> environment) {
		String pid = environment.get("LISTEN_PID");
		String count = environment.get("LISTEN_FDS");
		return pid != null && count != null && pid.equals(Long.toString(ProcessHandle.current().pid()))
				&& !count.equals("0");
	}

	private static boolean isListening(int descriptor) throws IOException {
		return socketInode(descriptor).filter(listeningInodes(-1)::contains).isPresent();
	}

	/**
	 * The descriptor of this process's socket that listens on a TCP port, found through
	 * {@code /proc}: the JDK does not tell a channel's descriptor.
	 */
	private static int descriptorOf(int port) throws IOException {
		Set<String> inodes = listeningInodes(port);
		return descriptorMatching((descriptor) -> socketInode(descriptor).filter(inodes::contains).isPresent(),
				"the socket listening on port " + port);
	}

	private static int descriptorLinkedTo(String file) throws IOException {
		return descriptorMatching((descriptor) -> target(descriptor).filter(file::equals).isPresent(), file);
	}

	private static int descriptorMatching(IntPredicate wanted, String description) throws IOException {
		try (DirectoryStream<Path> descriptors = Files.newDirectoryStream(Path.of("/proc/self/fd"))) {
			for (Path descriptor : descriptors) {
				int number = Integer.parseInt(descriptor.getFileName().toString());
				if (wanted.test(number)) {
					return number;
				}
			}
		}
		throw new IOException("Cannot find the descriptor of " + description + " in /proc/self/fd");
	}

	private static Optional<String> socketInode(int descriptor) {
		return target(descriptor).filter((target) -> target.startsWith("socket:[") && target.endsWith("]"))
			.map((target) -> target.substring("socket:[".length(), target.length() - 1));
	}

	private static Optional<String> target(int descriptor) {
		try {
			return Optional.of(Files.readSymbolicLink(Path.of("/proc/self/fd/" + descriptor)).toString());
		}
		catch (IOException ex) {
			return Optional.empty();
		}
	}

	/**
	 * The inodes of the TCP sockets of this network namespace that listen, on a port or
	 * on any ({@code -1}).
	 */
	private static Set<String> listeningInodes(int port) throws IOException {
		Set<String> inodes = new HashSet<>();
		for (String table : List.of("/proc/net/tcp", "/proc/net/tcp6")) {
			Path path = Path.of(table);
			if (!Files.isReadable(path)) {
				continue;
			}
			for (String line : Files.readAllLines(path)) {
				String[] fields = line.trim().split("\\s+");
				if (fields.length > 9 && fields[3].equals(LISTEN) && fields[1].contains(":") && (port < 0
						|| Integer.parseInt(fields[1].substring(fields[1].indexOf(':') + 1), 16) == port)) {
					inodes.add(fields[9]);
				}
			}
		}
		return inodes;
	}

}
