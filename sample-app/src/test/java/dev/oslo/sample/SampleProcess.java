package dev.oslo.sample;

import java.io.IOException;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import com.jayway.jsonpath.DocumentContext;
import com.jayway.jsonpath.JsonPath;

import static org.awaitility.Awaitility.await;

/**
 * The sample app's jar running as a real process, as a user starts it from a shell: its output
 * goes to a log file, signals are sent with {@code kill}.
 */
final class SampleProcess implements AutoCloseable {

	private static final Duration STARTUP = Duration.ofSeconds(90);

	/**
	 * JVM options that shorten start-up on a small machine (C1 only, the serial collector), for
	 * tests that start many JVMs; workers inherit them from the master's command line.
	 */
	private static final List<String> FAST_START = List.of("-XX:TieredStopAtLevel=1", "-XX:+UseSerialGC");

	private final Process process;

	private final Path log;

	private final int port;

	private SampleProcess(Process process, Path log, int port) {
		this.process = process;
		this.log = log;
		this.port = port;
	}

	static SampleProcess start(String... args) throws IOException {
		return start(Map.of(), args);
	}

	/**
	 * Start the jar with extra environment variables, as systemd sets {@code NOTIFY_SOCKET}.
	 */
	static SampleProcess start(Map<String, String> environment, String... args) throws IOException {
		int port = freePort();
		Path log = Files.createTempFile("sample-app", ".log");
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.addAll(FAST_START);
		command.add("-jar");
		command.add(System.getProperty("sample.jar", "target/oslo-service-sample-app.jar"));
		command.add("--server.port=" + port);
		command.addAll(List.of(args));
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().putAll(environment);
		Process process = builder.start();
		return new SampleProcess(process, log, port);
	}

	/**
	 * Wait until this process (not one of its workers, which log to the same file) has started.
	 */
	SampleProcess awaitStarted() {
		awaitLog(" " + pid() + " --- ", "Started SampleApplication");
		return this;
	}

	void awaitLog(String text) {
		awaitLog("", text);
	}

	private void awaitLog(String linePrefix, String text) {
		await().atMost(STARTUP).until(() -> {
			boolean logged = output().lines().anyMatch((line) -> line.contains(linePrefix) && line.contains(text));
			if (!logged && !this.process.isAlive()) {
				throw new IllegalStateException("Exited with " + this.process.exitValue() + " before logging '" + text
						+ "':\n" + output());
			}
			return logged;
		});
	}

	long pid() {
		return this.process.pid();
	}

	void signal(String name) throws IOException, InterruptedException {
		signal(name, 1);
	}

	/**
	 * Send a signal several times from one {@code kill} process, so the whole burst lands within microseconds.
	 */
	void signal(String name, int times) throws IOException, InterruptedException {
		List<String> command = new ArrayList<>(List.of("kill", "-" + name));
		command.addAll(Collections.nCopies(times, Long.toString(this.process.pid())));
		Process kill = new ProcessBuilder(command).inheritIO().start();
		if (kill.waitFor() != 0) {
			throw new IllegalStateException("kill -" + name + " failed");
		}
	}

	/**
	 * Wait for the process to exit.
	 * @return the exit status
	 */
	int awaitExit(Duration atMost) throws InterruptedException {
		if (!this.process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new IllegalStateException("Still running after " + atMost + ":\n" + output());
		}
		return this.process.exitValue();
	}

	String get(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path)).build(),
					HttpResponse.BodyHandlers.ofString());
		return response.body();
	}

	/**
	 * The {@code launcher} endpoint's answer.
	 */
	DocumentContext launcher() throws IOException, InterruptedException {
		return JsonPath.parse(get("/actuator/launcher"));
	}

	int post(String path) throws IOException, InterruptedException {
		HttpResponse<String> response = HttpClient.newHttpClient()
			.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + this.port + path))
				.POST(HttpRequest.BodyPublishers.noBody())
				.build(), HttpResponse.BodyHandlers.ofString());
		return response.statusCode();
	}

	boolean isAlive() {
		return this.process.isAlive();
	}

	String output() {
		try {
			return Files.readString(this.log, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	@Override
	public void close() throws IOException {
		this.process.descendants().forEach(ProcessHandle::destroyForcibly);
		this.process.destroyForcibly();
		Files.deleteIfExists(this.log);
	}

	static int freePort() throws IOException {
		try (ServerSocket socket = new ServerSocket(0)) {
			return socket.getLocalPort();
		}
	}

}
