package dev.oslo.service;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

import dev.oslo.service.process.WorkerSnapshot;
import dev.oslo.service.process.WorkerState;
import org.jspecify.annotations.Nullable;

/**
 * The one-line {@code STATUS=} texts that {@code systemctl status} shows, made from a
 * launcher's snapshot.
 */
final class SystemdStatusLine {

	/** The datagram size from which systemd ignores a notification. */
	static final int MAX_DATAGRAM = 4096;

	/** The longest status line sent, leaving room in a datagram for the other fields. */
	static final int MAX_STATUS_BYTES = 1024;

	private static final String ELLIPSIS = "\u2026";

	private static final int ELLIPSIS_BYTES = 3;

	private SystemdStatusLine() {
	}

	/**
	 * What a running launcher is doing: "2 services running", "1 of 2 services running;
	 * failed: audit", or "workers 4/4 ready, 1 standby, generation 3, 2 restarts".
	 */
	static String running(LauncherSnapshot snapshot) {
		if (snapshot.mode().equals("multi-process")) {
			return workers(snapshot);
		}
		int total = snapshot.services().size();
		long running = Objects.requireNonNull(snapshot.servicesByState().get(ServiceState.RUNNING),
				"every state is counted");
		String status = (running == total) ? count(total, "service") + " running"
				: running + " of " + count(total, "service") + " running";
		List<String> failed = snapshot.serviceNamesIn(ServiceState.FAILED);
		return failed.isEmpty() ? status : status + "; failed: " + String.join(", ", failed);
	}

	/**
	 * What a stopping launcher waits for: "stopping: waiting for workQueue (12 s left)".
	 * @param left the time until the graceful shutdown deadline, or {@code null} when it
	 * waits forever
	 */
	static String stopping(LauncherSnapshot snapshot, @Nullable Duration left) {
		List<String> waitingFor = new ArrayList<>();
		snapshot.services()
			.stream()
			.filter((service) -> service.state() == ServiceState.RUNNING || service.state() == ServiceState.STOPPING)
			.map(ServiceSnapshot::name)
			.forEach(waitingFor::add);
		snapshot.workers()
			.stream()
			.filter((worker) -> worker.state() != WorkerState.EXITED)
			.map(WorkerSnapshot::describe)
			.forEach(waitingFor::add);
		String status = waitingFor.isEmpty() ? "stopping" : "stopping: waiting for " + String.join(", ", waitingFor);
		return (left != null) ? status + " (" + secondsRoundedUp(left) + " s left)" : status;
	}

	/**
	 * A status line cannot hold a newline: the protocol separates fields with them. Nor
	 * can it be long: systemd drops a whole datagram of {@value #MAX_DATAGRAM} bytes or
	 * more, and with it the {@code READY=1} it carries, so a line is cut at
	 * {@value #MAX_STATUS_BYTES} bytes of UTF-8, between characters, and ends with an
	 * ellipsis.
	 */
	static String oneLine(String text) {
		String line = text.replaceAll("\\s*\\R\\s*", " ").strip();
		if (line.getBytes(StandardCharsets.UTF_8).length <= MAX_STATUS_BYTES) {
			return line;
		}
		StringBuilder cut = new StringBuilder();
		int bytes = ELLIPSIS_BYTES;
		for (int codePoint : line.codePoints().toArray()) {
			bytes += utf8Length(codePoint);
			if (bytes > MAX_STATUS_BYTES) {
				break;
			}
			cut.appendCodePoint(codePoint);
		}
		return cut.append(ELLIPSIS).toString();
	}

	private static String workers(LauncherSnapshot snapshot) {
		int slots = snapshot.workerSlots().size();
		int ready = slots - snapshot.slotsWithoutReadyWorker().size();
		int generation = snapshot.workers().stream().mapToInt(WorkerSnapshot::generation).max().orElse(0);
		long restarts = snapshot.workerRestarts();
		String status = "workers " + ready + "/" + slots + " ready, ";
		long standbys = snapshot.standbysReady();
		if (standbys > 0) {
			status += count(standbys, "standby") + ", ";
		}
		status += "generation " + generation;
		if (restarts > 0) {
			status += ", " + count(restarts, "restart");
		}
		return snapshot.hasFailed() ? status + "; failed, giving up" : status;
	}

	private static int utf8Length(int codePoint) {
		if (codePoint < 0x80) {
			return 1;
		}
		if (codePoint < 0x800) {
			return 2;
		}
		return (codePoint < 0x10000) ? 3 : 4;
	}

	private static long secondsRoundedUp(Duration duration) {
		return Math.max(0, (duration.toMillis() + 999) / 1000);
	}

	private static String count(long count, String noun) {
		return count + " " + noun + ((count == 1) ? "" : "s");
	}

}
