package dev.oslo.service.process;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import dev.oslo.service.test.process.ChildJvm;

/**
 * Worker commands for tests: this JVM's java running {@link WorkerMain} on the test class
 * path, or a shell command, with the output appended to a log file instead of this JVM's
 * stdout.
 */
public final class TestWorkers {

	public static final SupervisionSettings FAST = new SupervisionSettings(Duration.ofSeconds(60),
			Duration.ofMillis(50), Duration.ofMillis(400), Duration.ofSeconds(60), 5, Duration.ofSeconds(60),
			Duration.ofSeconds(30), 0);

	private TestWorkers() {
	}

	public static WorkerCommand java(Path log, String... options) {
		return script("exec \"$@\" >> '" + log + "' 2>&1", javaCommand(options));
	}

	/**
	 * {@link #java} until the marker file exists; from then on workers exit at once with
	 * status 4.
	 */
	static WorkerCommand javaUntil(Path marker, Path log) {
		return script("if [ -e '" + marker + "' ]; then exit 4; fi; exec \"$@\" >> '" + log + "' 2>&1", javaCommand());
	}

	static WorkerCommand shell(Path log, String script) {
		return script("(" + script + ") >> '" + log + "' 2>&1", List.of());
	}

	private static List<String> javaCommand(String... options) {
		return ChildJvm.javaMain(List.of("-XX:TieredStopAtLevel=1"), WorkerMain.class, options);
	}

	private static WorkerCommand script(String script, List<String> arguments) {
		List<String> command = new ArrayList<>(List.of("sh", "-c", script, "sh"));
		command.addAll(arguments);
		return new WorkerCommand(command);
	}

}
