package dev.oslo.service.process;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * The command line that starts a worker JVM: the master's own java executable, JVM options,
 * class path, main class or jar, and arguments, read from the running process.
 *
 * @param command the executable followed by its arguments
 */
public record WorkerCommand(List<String> command) {

	/**
	 * Copy the command.
	 * @throws IllegalArgumentException if it is empty
	 */
	public WorkerCommand {
		command = List.copyOf(command);
		if (command.isEmpty()) {
			throw new IllegalArgumentException("A worker command needs at least the java executable");
		}
	}

	/**
	 * The command that started this JVM, so that a worker runs the same program with the same
	 * options.
	 * @return the command
	 * @throws IllegalStateException if the operating system does not tell how this JVM was started
	 */
	public static WorkerCommand ofCurrentProcess() {
		ProcessHandle.Info info = ProcessHandle.current().info();
		String executable = info.command()
			.orElseThrow(() -> new IllegalStateException("Cannot read this JVM's executable to start workers with"));
		String[] arguments = info.arguments()
			.orElseThrow(() -> new IllegalStateException("Cannot read this JVM's arguments to start workers with"));
		List<String> command = new ArrayList<>(arguments.length + 1);
		command.add(Objects.requireNonNull(executable));
		command.addAll(List.of(arguments));
		return new WorkerCommand(command);
	}

}
