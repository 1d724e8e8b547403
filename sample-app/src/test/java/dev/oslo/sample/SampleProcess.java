package dev.oslo.sample;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.function.Predicate;
import java.util.stream.Stream;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;
import dev.oslo.service.test.process.ChildJvm;

import static org.awaitility.Awaitility.await;

/**
 * The sample app's jar running as a real process, as a user starts it from a shell: its
 * output goes to a log file, signals are sent with {@code kill}, and closing it kills it
 * with its workers.
 */
final class SampleProcess implements AutoCloseable {

	private static final Duration STARTUP = Duration.ofSeconds(90);

	/**
	 * JVM options that shorten start-up on a small machine (C1 only, the serial
	 * collector), for tests that start many JVMs; workers inherit them from the master's
	 * command line.
	 */

	private static final String CLASS_DATA = "--oslo.service.worker.class-data.";

	private final ChildJvm jvm;

	private final int port;

	private final int managementPort;

	private SampleProcess(ChildJvm jvm, int port, int managementPort) {
		this.jvm = jvm;
		this.port = port;
		this.managementPort = managementPort;
	}

	static SampleProcess start(String... args) throws IOException {
		return start(Map.of(), args);
	}

	/**
	 * Start the jar with extra environment variables, as systemd sets
	 * {@code NOTIFY_SOCKET}. A master of several workers also gets a management port,
	 * where it serves Actuator for the group (its workers serve {@code server.port}). The
	 * application's port is a free one unless the arguments set {@code --server.port}.
	 */
	static SampleProcess start(Map<String, String> environment, String... args) throws IOException {
		List<String> command = jar(args);
		Optional<Integer> chosen = Stream.of(args)
			.filter((arg) -> arg.startsWith("--server.port="))
			.map((arg) -> Integer.parseInt(arg.substring(arg.indexOf('=') + 1)))
			.findFirst();
		int port = chosen.isPresent() ? chosen.get() : freePort();
		if (chosen.isEmpty()) {
			command.add("--server.port=" + port);
		}
		int managementPort = isMaster(args) ? freePort() : port;
		if (managementPort != port) {
			command.add("--management.server.port=" + managementPort);
		}
		command.addAll(List.of(args));
		return new SampleProcess(ChildJvm.start(command, environment), port, managementPort);
	}

	private static boolean isMaster(String... args) {
		return Stream.of(args)
			.filter((arg) -> arg.startsWith("--oslo.service.workers="))
			.anyMatch((arg) -> Integer.parseInt(arg.substring(arg.indexOf('=') + 1)) > 1);
	}

	/**
	 * Start the jar as a daemon without a web server (a queue consumer): no HTTP port, so
	 * only its output and its process tree show what it does.
	 */
	static SampleProcess startWithoutWebServer(String... args) throws IOException {
		List<String> command = jar(args);
		command.add("--spring.main.web-application-type=none");
		command.addAll(List.of(args));
		return new SampleProcess(ChildJvm.start(command, Map.of()), 0, 0);
	}

	/**
	 * Start the jar as systemd starts a socket-activated service: through
	 * {@code systemd-socket-activate}, which listens on the port, then runs the jar in
	 * its own process with the socket and {@code LISTEN_FDS}/{@code LISTEN_PID}.
	 * @param activator the path of {@code systemd-socket-activate}
	 */
	static SampleProcess startSocketActivated(String activator, String... args) throws IOException {
		int port = freePort();
		int managementPort = freePort();
		List<String> command = new ArrayList<>(List.of(activator, "-l", "127.0.0.1:" + port));
		command.addAll(jar(args));
		command.add("--server.port=" + port);
		command.add("--management.server.port=" + managementPort);
		command.addAll(List.of(args));
		return new SampleProcess(ChildJvm.start(command, Map.of()), port, managementPort);
	}

	/**
	 * The jar's command line, without the workers' class-data archive unless the
	 * arguments configure it: its training JVM, a child of the master, would compete with
	 * a test's workers and show among the master's children. Without it, the jar runs
	 * from the tests' own archive ({@link SampleJarLaunch}).
	 */
	private static List<String> jar(String... args) {
		if (Stream.of(args).anyMatch((arg) -> arg.startsWith(CLASS_DATA))) {
			return SampleJarLaunch.asItIs();
		}
		List<String> command = SampleJarLaunch.fromArchive();
		command.add(CLASS_DATA + "enabled=false");
		return command;
	}

	/**
	 * Wait until this process (not one of its workers, which log to the same file) has
	 * started.
	 */
	SampleProcess awaitStarted() {
		awaitLog(" " + pid() + " --- ", "Started SampleApplication");
		return this;
	}

	void awaitLog(String text) {
		awaitLog("", text);
	}

	private void awaitLog(String linePrefix, String text) {
		this.jvm.awaitOutput(STARTUP,
				(output) -> output.lines().anyMatch((line) -> line.contains(linePrefix) && line.contains(text)));
	}

	/**
	 * Wait until the output so far (this process's and its workers') satisfies a
	 * condition.
	 * @throws IllegalStateException if the process exits before the condition holds
	 */
	void awaitOutput(Predicate<String> condition) {
		this.jvm.awaitOutput(STARTUP, condition);
	}

	long pid() {
		return this.jvm.pid();
	}

	/**
	 * The application's HTTP port ({@code server.port}).
	 */
	int port() {
		return this.port;
	}

	/**
	 * Where Actuator is served: the management port of a master, else the application's.
	 */
	int managementPort() {
		return this.managementPort;
	}

	void signal(String name) throws IOException, InterruptedException {
		this.jvm.signal(name);
	}

	/**
	 * Wait for the process to exit.
	 * @return the exit status
	 */
	int awaitExit(Duration atMost) throws InterruptedException {
		return this.jvm.awaitExit(atMost);
	}

	String get(String path) throws IOException, InterruptedException {
		return getResponse(path).body();
	}

	/**
	 * GET a path: Actuator's ({@code /actuator/...}) on the management port, any other on
	 * the application's port.
	 */
	HttpResponse<String> getResponse(String path) throws IOException, InterruptedException {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(uri(path)).build(), HttpResponse.BodyHandlers.ofString());
	}

	private URI uri(String path) {
		int target = path.startsWith("/actuator") ? this.managementPort : this.port;
		return URI.create("http://127.0.0.1:" + target + path);
	}

	/**
	 * The {@code launcher} endpoint's answer.
	 */
	DocumentContext launcher() throws IOException, InterruptedException {
		return JsonPath.parse(get("/actuator/launcher"));
	}

	/**
	 * The pids of the READY workers, as the master's {@code launcher} endpoint lists
	 * them.
	 */
	List<Long> readyWorkerPids() throws IOException, InterruptedException {
		List<Number> pids = launcher().read("$.workers[?(@.state == 'READY')].pid", List.class);
		return pids.stream().map(Number::longValue).toList();
	}

	/**
	 * The pids of the standbys booted and idle, as the master's {@code launcher} endpoint
	 * lists them.
	 */
	List<Long> standbyPids() throws IOException, InterruptedException {
		List<Number> pids = launcher().read("$.workers[?(@.state == 'STANDBY')].pid", List.class);
		return pids.stream().map(Number::longValue).toList();
	}

	/**
	 * Wait until a standby other than those given is booted and idle.
	 * @return its pid
	 */
	long awaitStandby(Duration atMost, Collection<Long> earlier) {
		return await().atMost(atMost)
			.until(() -> standbyPids().stream().filter((pid) -> !earlier.contains(pid)).findFirst(),
					Optional::isPresent)
			.orElseThrow();
	}

	/**
	 * Whether {@code count} workers are READY and none of them is one of
	 * {@code replaced}, from one answer of the endpoint (two could straddle a kill).
	 */
	boolean readyWorkersReplaced(int count, Collection<Long> replaced) throws IOException, InterruptedException {
		List<Long> ready = readyWorkerPids();
		return ready.size() == count && ready.stream().noneMatch(replaced::contains);
	}

	HttpResponse<String> post(String path) throws IOException, InterruptedException {
		return HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.noBody()).build(),
					HttpResponse.BodyHandlers.ofString());
	}

	boolean isAlive() {
		return this.jvm.isAlive();
	}

	String output() {
		return this.jvm.output();
	}

	/**
	 * The processes this one started and that still run: a master's workers.
	 */
	List<ProcessHandle> children() {
		return this.jvm.children();
	}

	/**
	 * Kill the process and its workers.
	 */
	@Override
	public void close() throws IOException {
		this.jvm.close();
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
