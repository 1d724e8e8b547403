package dev.oslo.service.process;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;

import dev.oslo.service.internal.DurationFormat;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kills the workers that miss a deadline (a stop that does not end, a boot that does not
 * finish, heartbeats that stopped), and first logs their thread stacks, so that the kill
 * leaves a trace of what the worker was doing. gunicorn kills such workers without one
 * (its issue #2454); oslo.service has no such kill.
 * <p>
 * The stacks come from the first of these that works:
 * <ol>
 * <li>the control channel: the worker answers with its stacks, which the master logs as
 * one event naming the worker and its pid. The worker's control thread answers even while
 * its services are deadlocked, but a worker connects only once booted, and a JVM that has
 * stopped making progress does not answer;</li>
 * <li>SIGQUIT: the worker's JVM prints its own thread dump, with lock owners and
 * deadlocks, on its standard output, which workers share with the master. The JVM does
 * that while booting too, and whatever its Java threads do; the master sends it only
 * where {@code /proc} shows that the process handles SIGQUIT (a JVM started with
 * {@code -Xrs} would dump core instead), with the {@code kill} command.</li>
 * </ol>
 * A stopped process (SIGSTOP) can do neither until continued, so it gets no request. The
 * whole takes at most the grace it is given: half of it for the channel's answer, the
 * rest for SIGQUIT's dump, cut short when the worker exits; a killed JVM prints nothing
 * more, and nothing tells when SIGQUIT's dump is complete.
 */
final class HungWorkerDiagnosis {

	/**
	 * How long a worker's stacks may take before it is killed for a missed heartbeat or
	 * boot deadline; a stop that runs late gets at most a quarter of its timeout.
	 */
	static final Duration GRACE = Duration.ofSeconds(2);

	private static final Logger logger = LoggerFactory.getLogger(HungWorkerDiagnosis.class);

	private static final Executor ON_OWN_THREAD = (task) -> {
		Thread thread = new Thread(task, "oslo-worker-diagnosis");
		thread.setDaemon(true);
		thread.start();
	};

	private final Map<WorkerProcess, CompletableFuture<Void>> kills = new ConcurrentHashMap<>();

	/**
	 * The grace of a worker's stacks ahead of a stop deadline: a quarter of the time the
	 * worker has to stop, at most {@link #GRACE}.
	 * @param stopTimeout how long the worker has to stop, positive
	 * @return the grace
	 */
	static Duration graceBefore(Duration stopTimeout) {
		Duration quarter = stopTimeout.dividedBy(4);
		return (quarter.compareTo(GRACE) < 0) ? quarter : GRACE;
	}

	/**
	 * Wait for workers that were asked to stop; log the stacks of those still stopping a
	 * little ahead of the deadline (see {@link #graceBefore}), so that the kill of those
	 * still running still comes at the deadline.
	 * @param stopping the workers asked to stop
	 * @param timeout how long they have; zero waits forever
	 * @return the workers killed, described
	 * @throws InterruptedException if interrupted while waiting
	 */
	List<String> awaitStopOrKill(List<WorkerProcess> stopping, Duration timeout) throws InterruptedException {
		if (timeout.isZero()) {
			for (WorkerProcess worker : stopping) {
				worker.awaitExit(Duration.ZERO);
			}
			return List.of();
		}
		long deadline = System.nanoTime() + timeout.toNanos();
		Duration grace = graceBefore(timeout);
		List<WorkerProcess> late = awaitExits(stopping, deadline - grace.toNanos());
		String stillStopping = "is still stopping " + DurationFormat.format(timeout.minus(grace))
				+ " after it was asked to, " + DurationFormat.format(grace) + " before its deadline";
		CompletableFuture<?>[] stacks = late.stream()
			.map((worker) -> logStacks(worker, stillStopping, grace))
			.toArray(CompletableFuture[]::new);
		List<WorkerProcess> stuck = awaitExits(late, deadline);
		try {
			CompletableFuture.allOf(stacks).get();
		}
		catch (ExecutionException ex) {
			logger.warn("Could not log the thread stacks of a worker", ex.getCause());
		}
		List<String> killed = new ArrayList<>();
		for (WorkerProcess worker : stuck) {
			if (kill(worker, "is still stopping " + DurationFormat.format(timeout) + " after it was asked to")) {
				killed.add(worker.describe());
			}
		}
		return killed;
	}

	/**
	 * Log a worker's thread stacks, on a thread of its own.
	 * @param worker the worker
	 * @param problem what is wrong with it, for the log, e.g. {@code is still stopping}
	 * @param grace how long it may take
	 * @return completed once the stacks are logged, or the grace has passed
	 */
	private CompletableFuture<Void> logStacks(WorkerProcess worker, String problem, Duration grace) {
		return CompletableFuture.runAsync(() -> stacks(worker, problem, grace), ON_OWN_THREAD);
	}

	/**
	 * Log a worker's thread stacks, then kill it with SIGKILL, on a thread of its own.
	 * Asked again for the same worker while it has not exited, this does nothing more.
	 * @param worker the worker
	 * @param problem what is wrong with it, for the log, e.g.
	 * {@code sent no heartbeat for 30 s}
	 * @param grace how long the stacks may take
	 * @return completed once the worker is killed
	 */
	CompletableFuture<Void> killAfterStacks(WorkerProcess worker, String problem, Duration grace) {
		CompletableFuture<Void> killed = new CompletableFuture<>();
		CompletableFuture<Void> earlier = this.kills.putIfAbsent(worker, killed);
		if (earlier != null) {
			return earlier;
		}
		worker.onExit().thenRun(() -> this.kills.remove(worker));
		CompletableFuture.runAsync(() -> {
			stacks(worker, problem, grace);
			kill(worker, problem);
		}, ON_OWN_THREAD).whenComplete((done, failure) -> killed.complete(null));
		return killed;
	}

	/**
	 * Kill a worker with SIGKILL, saying why.
	 * @return whether it was still running
	 */
	private boolean kill(WorkerProcess worker, String problem) {
		if (!worker.isAlive()) {
			return false;
		}
		logger.error("Killing {}: it {}", worker.describe(), problem);
		worker.kill();
		return true;
	}

	/**
	 * Wait for workers to exit until a moment on the monotonic clock.
	 * @return those still running
	 */
	private static List<WorkerProcess> awaitExits(List<WorkerProcess> workers, long until) throws InterruptedException {
		List<WorkerProcess> running = new ArrayList<>();
		for (WorkerProcess worker : workers) {
			if (!worker.awaitExit(Duration.ofNanos(Math.max(1, until - System.nanoTime())))) {
				running.add(worker);
			}
		}
		return running;
	}

	private void stacks(WorkerProcess worker, String problem, Duration grace) {
		if (!worker.isAlive()) {
			return;
		}
		long deadline = System.nanoTime() + grace.toNanos();
		String name = worker.describe();
		logger.error("{} {}; asking for its thread stacks", name, problem);
		ProcessStatus status = ProcessStatus.of(worker.pid()).orElse(null);
		if (status != null && status.stopped()) {
			logger.error("{} is stopped (SIGSTOP, or a native debugger): it cannot give its thread stacks", name);
			return;
		}
		String unanswered;
		try {
			if (worker.requestThreadDump()) {
				String stacks = worker.awaitThreadDump(grace.dividedBy(2));
				if (stacks != null) {
					logger.error("Thread stacks of {}:{}{}", name, System.lineSeparator(), stacks);
					return;
				}
				unanswered = "it did not answer over its control channel within " + grace.dividedBy(2).toMillis()
						+ " ms";
			}
			else {
				unanswered = "it has no control channel (a worker connects once booted)";
			}
			quit(worker, status, unanswered, deadline);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void quit(WorkerProcess worker, @Nullable ProcessStatus status, String unanswered, long deadline)
			throws InterruptedException {
		String name = worker.describe();
		if (status == null || !status.handlesQuit()) {
			logger.error("No thread stacks from {}: {}, and {}", name, unanswered,
					(status != null) ? "it does not handle SIGQUIT (a JVM started with -Xrs?)"
							: "no /proc tells whether it handles SIGQUIT");
			return;
		}
		String failure = sendQuit(worker.pid(), deadline);
		if (failure != null) {
			logger.error("No thread stacks from {}: {}, and SIGQUIT could not be sent: {}", name, unanswered, failure);
			return;
		}
		logger.error("{}: {}; sent SIGQUIT: its JVM prints its thread stacks on its standard output", name, unanswered);
		long left = deadline - System.nanoTime();
		if (left > 0) {
			worker.awaitExit(Duration.ofNanos(left));
		}
	}

	/**
	 * Send SIGQUIT with the {@code kill} command, which the JDK has no API for.
	 * @return why it failed, or {@code null} when it was sent
	 */
	private static @Nullable String sendQuit(long pid, long deadline) throws InterruptedException {
		Process kill;
		try {
			kill = new ProcessBuilder("kill", "-QUIT", Long.toString(pid)).redirectErrorStream(true)
				.redirectOutput(Redirect.DISCARD)
				.start();
		}
		catch (IOException ex) {
			return ex.getMessage();
		}
		if (!kill.waitFor(deadline - System.nanoTime(), TimeUnit.NANOSECONDS)) {
			kill.destroyForcibly();
			return "kill did not end";
		}
		return (kill.exitValue() == 0) ? null : "kill exited with status " + kill.exitValue();
	}

}
