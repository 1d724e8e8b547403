package dev.oslo.service.process;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * The command line that starts a worker JVM: the master's own java executable, JVM
 * options, class path, main class or jar, and arguments, read from the running process;
 * and the environment variables of the master that a worker must not inherit.
 *
 * @param command the executable followed by its arguments
 * @param withheldEnvironment names of the master's environment variables that workers do
 * not get
 * @param addedEnvironment variables that workers get besides the master's
 * @since 0.1.0
 */
public record WorkerCommand(List<String> command, Set<String> withheldEnvironment,
		Map<String, String> addedEnvironment) {

	/**
	 * Copy the command.
	 * @throws IllegalArgumentException if it is empty
	 */
	public WorkerCommand {
		command = List.copyOf(command);
		withheldEnvironment = Set.copyOf(withheldEnvironment);
		addedEnvironment = Map.copyOf(addedEnvironment);
		if (command.isEmpty()) {
			throw new IllegalArgumentException("A worker command needs at least the java executable");
		}
	}

	/**
	 * A command whose workers inherit the master's whole environment.
	 * @param command the executable followed by its arguments
	 */
	public WorkerCommand(List<String> command) {
		this(command, Set.of(), Map.of());
	}

	/**
	 * A copy whose workers do not inherit these environment variables, e.g. those by
	 * which a service manager speaks to the master alone.
	 * @param names the variables' names
	 * @return the copy
	 */
	public WorkerCommand withoutEnvironment(Collection<String> names) {
		Set<String> withheld = new LinkedHashSet<>(this.withheldEnvironment);
		withheld.addAll(names);
		return new WorkerCommand(this.command, withheld, this.addedEnvironment);
	}

	/**
	 * A copy whose workers also get these environment variables, e.g. those that tell
	 * them of a socket they inherit.
	 * @param variables the variables' names and values
	 * @return the copy
	 */
	public WorkerCommand withEnvironment(Map<String, String> variables) {
		Map<String, String> added = new LinkedHashMap<>(this.addedEnvironment);
		added.putAll(variables);
		return new WorkerCommand(this.command, this.withheldEnvironment, added);
	}

	/**
	 * A builder of a process that runs this command with the master's environment,
	 * without the withheld variables and with the added ones.
	 * @return the builder
	 */
	public ProcessBuilder processBuilder() {
		ProcessBuilder builder = new ProcessBuilder(this.command);
		builder.environment().keySet().removeAll(this.withheldEnvironment);
		builder.environment().putAll(this.addedEnvironment);
		return builder;
	}

	/**
	 * The command that started this JVM, so that a worker runs the same program with the
	 * same options. The arguments are read from {@code /proc/self/cmdline} where it
	 * exists (Linux), since {@link ProcessHandle.Info#arguments()} gives nothing for a
	 * long command line, such as one with a long class path.
	 * @return the command
	 * @throws IllegalStateException if the operating system does not tell how this JVM
	 * was started
	 */
	public static WorkerCommand ofCurrentProcess() {
		return ofCurrentProcess(Path.of("/proc/self/cmdline"));
	}

	static WorkerCommand ofCurrentProcess(Path cmdline) {
		ProcessHandle.Info info = ProcessHandle.current().info();
		String executable = info.command()
			.orElseThrow(() -> new IllegalStateException("Cannot read this JVM's executable to start workers with"));
		List<String> arguments = readArguments(cmdline).or(() -> info.arguments().map(List::of))
			.orElseThrow(() -> new IllegalStateException("Cannot read this JVM's arguments to start workers with"));
		List<String> command = new ArrayList<>(arguments.size() + 1);
		command.add(executable);
		command.addAll(arguments);
		return new WorkerCommand(command);
	}

	private static Optional<List<String>> readArguments(Path cmdline) {
		byte[] bytes;
		try {
			bytes = Files.readAllBytes(cmdline);
		}
		catch (IOException | UnsupportedOperationException ex) {
			return Optional.empty();
		}
		List<String> words = new ArrayList<>();
		int start = 0;
		for (int i = 0; i < bytes.length; i++) {
			if (bytes[i] == 0) {
				words.add(new String(bytes, start, i - start, StandardCharsets.UTF_8));
				start = i + 1;
			}
		}
		return words.isEmpty() ? Optional.empty() : Optional.of(words.subList(1, words.size()));
	}

}
