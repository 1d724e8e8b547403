package dev.oslo.service.taskgroup;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads and timers of one service (oslo's {@code ThreadGroup}).
 * <p>
 * Threads are daemon platform threads named after the group, so a thread dump tells whose they
 * are; the launcher, not these threads, keeps the JVM alive. A group can be stopped and used again
 * (a service restarted after SIGHUP adds its timers anew).
 */
public final class TaskGroup {

	private static final Logger logger = LoggerFactory.getLogger(TaskGroup.class);

	private final String name;

	private final AtomicInteger threadNumber = new AtomicInteger();

	private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

	private final Set<FixedIntervalTimer> timers = ConcurrentHashMap.newKeySet();

	/**
	 * Create an empty group.
	 * @param name the prefix of the group's thread names
	 */
	public TaskGroup(String name) {
		this.name = Objects.requireNonNull(name, "name");
	}

	/**
	 * The group's name.
	 * @return the prefix of its thread names
	 */
	public String name() {
		return this.name;
	}

	/**
	 * Run a task on a new thread of this group. An exception it throws is logged.
	 * @param task the work
	 * @return the started thread
	 */
	public Thread addThread(Runnable task) {
		Objects.requireNonNull(task, "task");
		return start(() -> {
			try {
				task.run();
			}
			catch (RuntimeException ex) {
				logger.error("Thread of task group '{}' failed", this.name, ex);
			}
		});
	}

	/**
	 * Call {@code callback} every {@code interval}, the first time after {@code initialDelay}.
	 * Runs never overlap: a run that outlasts the interval is followed at once by the next one, with
	 * a warning, and no missed runs are made up. An exception is logged and the timer goes on.
	 * @param interval the time from the start of one run to the start of the next
	 * @param initialDelay the time before the first run
	 * @param callback the work
	 */
	public void addTimer(Duration interval, Duration initialDelay, Runnable callback) {
		if (interval.isNegative() || interval.isZero()) {
			throw new IllegalArgumentException("Timer interval must be positive, was " + interval);
		}
		if (initialDelay.isNegative()) {
			throw new IllegalArgumentException("Timer initial delay must not be negative, was " + initialDelay);
		}
		FixedIntervalTimer timer = new FixedIntervalTimer(this.name, interval, initialDelay,
				Objects.requireNonNull(callback, "callback"));
		this.timers.add(timer);
		start(() -> {
			try {
				timer.run();
			}
			finally {
				this.timers.remove(timer);
			}
		});
	}

	/**
	 * Stop every timer: no new run starts, a run in progress finishes.
	 */
	public void stopTimers() {
		for (FixedIntervalTimer timer : this.timers) {
			timer.stop();
			this.timers.remove(timer);
		}
	}

	/**
	 * Stop the group's timers and, unless {@code graceful}, interrupt its threads.
	 * @param graceful whether the threads may finish their work
	 */
	public void stop(boolean graceful) {
		stopTimers();
		if (!graceful) {
			this.threads.stream().filter((thread) -> thread != Thread.currentThread()).forEach(Thread::interrupt);
		}
	}

	/**
	 * Wait until every thread and timer of the group has finished (other than the calling thread,
	 * so a task may wait for its own group).
	 * @throws InterruptedException if interrupted while waiting
	 */
	public void await() throws InterruptedException {
		for (Thread thread : List.copyOf(this.threads)) {
			if (thread != Thread.currentThread()) {
				thread.join();
			}
		}
	}

	/**
	 * Wait at most {@code timeout} for every thread and timer of the group to finish.
	 * @param timeout how long to wait
	 * @return whether the group finished in time
	 * @throws InterruptedException if interrupted while waiting
	 */
	public boolean await(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		for (Thread thread : List.copyOf(this.threads)) {
			long left = deadline - System.nanoTime();
			if (thread != Thread.currentThread() && (left <= 0 || !join(thread, left))) {
				return false;
			}
		}
		return true;
	}

	/**
	 * The group's live threads, timers included, for diagnostics such as a stuck shutdown.
	 * @return a copy of the live threads
	 */
	public List<Thread> threads() {
		return this.threads.stream().filter(Thread::isAlive).toList();
	}

	/**
	 * How many threads added with {@link #addThread} or running timers are alive.
	 * @return the live thread count, timers included
	 */
	public int threadCount() {
		return threads().size();
	}

	/**
	 * How many timers are scheduled.
	 * @return the timer count
	 */
	public int timerCount() {
		return this.timers.size();
	}

	private Thread start(Runnable body) {
		Thread thread = new Thread(() -> {
			try {
				body.run();
			}
			finally {
				this.threads.remove(Thread.currentThread());
			}
		}, this.name + "-" + this.threadNumber.incrementAndGet());
		thread.setDaemon(true);
		this.threads.add(thread);
		thread.start();
		return thread;
	}

	private static boolean join(Thread thread, long nanos) throws InterruptedException {
		TimeUnit.NANOSECONDS.timedJoin(thread, nanos);
		return !thread.isAlive();
	}

}
