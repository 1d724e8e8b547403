package dev.oslo.service.process;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * What Linux's {@code /proc/<pid>/status} tells about a process before the master asks it
 * for a thread dump: whether it is stopped (by SIGSTOP, or by a native debugger), so that
 * it cannot answer until continued, and whether it handles SIGQUIT, as a JVM does unless
 * started with {@code -Xrs}; the default action of SIGQUIT would end the process and dump
 * its core instead.
 *
 * @param stopped whether the process is stopped ({@code State: T} or {@code t})
 * @param handlesQuit whether the process catches SIGQUIT (bit 3 of {@code SigCgt})
 */
record ProcessStatus(boolean stopped, boolean handlesQuit) {

	private static final long SIGQUIT = 1L << (3 - 1);

	/**
	 * Read a process's status.
	 * @param pid the process
	 * @return its status, or empty where there is no {@code /proc} (not Linux) or the
	 * process has gone
	 */
	static Optional<ProcessStatus> of(long pid) {
		try {
			return Optional.of(parse(Files.readString(Path.of("/proc", Long.toString(pid), "status"))));
		}
		catch (IOException | RuntimeException ex) {
			return Optional.empty();
		}
	}

	/**
	 * Read the text of a {@code /proc/<pid>/status} file.
	 * @throws IllegalArgumentException if it lacks the {@code State} or {@code SigCgt}
	 * line
	 */
	static ProcessStatus parse(String status) {
		String state = field(status, "State");
		long caught = Long.parseUnsignedLong(field(status, "SigCgt"), 16);
		return new ProcessStatus(state.startsWith("T") || state.startsWith("t"), (caught & SIGQUIT) != 0);
	}

	private static String field(String status, String name) {
		return status.lines()
			.filter((line) -> line.startsWith(name + ":"))
			.map((line) -> line.substring(name.length() + 1).trim())
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No " + name + " line in " + status));
	}

}
