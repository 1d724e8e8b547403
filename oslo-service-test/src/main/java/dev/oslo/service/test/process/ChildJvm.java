package dev.oslo.service.test.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Predicate;

import static org.awaitility.Awaitility.await;

/**
 * A JVM that a test starts as a real child process, as a user starts one from a shell:
 * its output goes to a log file, signals are sent with {@code kill}. {@link #close()}
 * kills it and every process it started (a master's workers), and a shutdown hook does
 * the same for whatever a test that failed or timed out left behind when the test JVM
 * exits.
 *
 * @since 0.1.0
 */
public final class ChildJvm implements AutoCloseable {

	private static final Duration REAPED = Duration.ofSeconds(10);

	static {
		Runtime.getRuntime()
			.addShutdownHook(new Thread(() -> killTree(ProcessHandle.current(), false), "child-jvm-reaper"));
	}

	private final Process process;

	private final Path log;

	private ChildJvm(Process process, Path log) {
		this.process = process;
		this.log = log;
	}

	/**
	 * This JVM's {@code java} followed by the given arguments.
	 * @param arguments JVM options, then a main class or {@code -jar}, then program
	 * arguments
	 * @return the command
	 */
	public static List<String> java(String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(ProcessHandle.current().info().command().orElse("java"));
		command.addAll(List.of(arguments));
		return command;
	}

	/**
	 * This JVM's {@code java} running a main class of the test class path.
	 * @param mainClass the class whose {@code main} runs
	 * @param arguments its arguments
	 * @return the command
	 */
	public static List<String> javaMain(Class<?> mainClass, String... arguments) {
		return javaMain(List.of(), mainClass, arguments);
	}

	/**
	 * This JVM's {@code java} running a main class of the test class path with JVM
	 * options.
	 * @param options JVM options, e.g. {@code -XX:TieredStopAtLevel=1}
	 * @param mainClass the class whose {@code main} runs
	 * @param arguments its arguments
	 * @return the command
	 */
	public static List<String> javaMain(List<String> options, Class<?> mainClass, String... arguments) {
		List<String> command = java();
		command.addAll(options);
		command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass.getName()));
		command.addAll(List.of(arguments));
		return command;
	}

	/**
	 * Start a command with its standard output and error going to a new log file.
	 * @param command the command, e.g. from {@link #javaMain}
	 * @param environment variables added to this JVM's environment
	 * @return the running process
	 * @throws IOException if the log file cannot be created or the process cannot start
	 */
	public static ChildJvm start(List<String> command, Map<String, String> environment) throws IOException {
		Path log = Files.createTempFile("child-jvm", ".log");
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
		builder.environment().putAll(environment);
		return new ChildJvm(builder.start(), log);
	}

	/**
	 * The process's id.
	 * @return its pid
	 */
	public long pid() {
		return this.process.pid();
	}

	/**
	 * Whether the process still runs.
	 * @return {@code true} until it has exited
	 */
	public boolean isAlive() {
		return this.process.isAlive();
	}

	/**
	 * Send a signal with {@code kill}.
	 * @param name the signal's name without {@code SIG}, e.g. {@code TERM}
	 * @throws IOException if {@code kill} cannot run
	 * @throws InterruptedException if interrupted while {@code kill} runs
	 */
	public void signal(String name) throws IOException, InterruptedException {
		kill(name, pid());
	}

	/**
	 * Send a signal to any process with {@code kill}, as an operator would.
	 * @param name the signal's name without {@code SIG}, e.g. {@code HUP}
	 * @param pid the process, e.g. this JVM's
	 * @throws IOException if {@code kill} cannot run
	 * @throws InterruptedException if interrupted while {@code kill} runs
	 * @throws IllegalStateException if {@code kill} failed
	 */
	public static void kill(String name, long pid) throws IOException, InterruptedException {
		Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(pid)).inheritIO().start();
		if (kill.waitFor() != 0) {
			throw new IllegalStateException("kill -" + name + " " + pid + " failed");
		}
	}

	/**
	 * Wait until the output so far satisfies a condition.
	 * @param atMost how long to wait
	 * @param condition given the whole output so far
	 * @throws IllegalStateException if the process exits before the condition holds
	 */
	public void awaitOutput(Duration atMost, Predicate<String> condition) {
		await().atMost(atMost).until(() -> {
			boolean exited = !this.process.isAlive();
			String output = output();
			if (condition.test(output)) {
				return true;
			}
			if (exited) {
				throw new IllegalStateException("Exited with " + this.process.exitValue() + ":\n" + output);
			}
			return false;
		});
	}

	/**
	 * Wait for the process to exit.
	 * @param atMost how long to wait
	 * @return the exit status
	 * @throws InterruptedException if interrupted while waiting
	 * @throws IllegalStateException if it still runs after {@code atMost}, with its
	 * output
	 */
	public int awaitExit(Duration atMost) throws InterruptedException {
		if (!this.process.waitFor(atMost.toMillis(), TimeUnit.MILLISECONDS)) {
			throw new IllegalStateException("Still running after " + atMost + ":\n" + output());
		}
		return this.process.exitValue();
	}

	/**
	 * The processes this one started and that still run.
	 * @return its children
	 */
	public List<ProcessHandle> children() {
		return this.process.children().toList();
	}

	/**
	 * Everything the process has written so far.
	 * @return its standard output and error
	 */
	public String output() {
		try {
			return Files.readString(this.log, StandardCharsets.UTF_8);
		}
		catch (IOException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/**
	 * Kill the process and every process it started, wait until they are gone, and delete
	 * the log.
	 */
	@Override
	public void close() throws IOException {
		killTree(this.process.toHandle(), true);
		Files.deleteIfExists(this.log);
	}

	/**
	 * Kill a process's descendants and, unless it is this JVM, the process itself; then
	 * wait a little for them to be gone. The process goes first, so that a master cannot
	 * respawn a worker killed before it; the descendants are listed before, since orphans
	 * are no longer descendants.
	 */
	private static void killTree(ProcessHandle root, boolean killRoot) {
		List<ProcessHandle> tree = new ArrayList<>(root.descendants().toList());
		if (killRoot) {
			tree.add(0, root);
		}
		tree.forEach(ProcessHandle::destroyForcibly);
		long deadline = System.nanoTime() + REAPED.toNanos();
		for (ProcessHandle process : tree) {
			try {
				process.onExit().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
				return;
			}
			catch (ExecutionException | TimeoutException ex) {
				return;
			}
		}
	}

}
