package dev.oslo.service.process;

import java.util.Map;

/**
 * Words for a child's exit status, for log lines and error messages.
 */
final class ExitStatus {

	private static final Map<Integer, String> SIGNALS = Map.of(1, "SIGHUP", 2, "SIGINT", 6, "SIGABRT", 9, "SIGKILL", 11,
			"SIGSEGV", 15, "SIGTERM");

	private ExitStatus() {
	}

	/**
	 * Describe a status as the JDK reports it: 128 plus the signal's number when a signal
	 * ended the process.
	 */
	static String describe(int status) {
		if (status > 128 && status < 128 + 65) {
			int signal = status - 128;
			return "status " + status + " (killed by " + SIGNALS.getOrDefault(signal, "signal " + signal) + ")";
		}
		return "status " + status;
	}

}
