package dev.oslo.service.taskgroup;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;

import dev.oslo.service.loopingcall.DynamicLoopingCall;
import dev.oslo.service.loopingcall.DynamicLoopingTask;
import dev.oslo.service.loopingcall.FixedIntervalLoopingCall;
import dev.oslo.service.loopingcall.LoopingCall;
import dev.oslo.service.loopingcall.LoopingCallClock;
import dev.oslo.service.loopingcall.LoopingTask;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The threads and timers of one service (oslo's {@code ThreadGroup}).
 * <p>
 * Threads are named after the group, so a thread dump tells whose they are: daemon
 * platform threads, or virtual threads on Java 21+ when the group is built with
 * {@link Builder#virtualThreads(boolean)}. The launcher, not these threads, keeps the JVM
 * alive. A group holds at most {@link Builder#maxThreads(int) maxThreads} threads and
 * timers (1000 by default, as oslo's {@code Service}); one more is refused at once with
 * {@link TaskGroupFullException}. A stopped group can be used again (a service restarted
 * after SIGHUP adds its timers anew).
 *
 * @since 0.1.0
 */
public final class TaskGroup {

	private static final Logger logger = LoggerFactory.getLogger(TaskGroup.class);

	private final String name;

	private final int maxThreads;

	private final LoopingCallClock clock;

	private final ThreadFactory threadFactory;

	private final Set<Thread> threads = ConcurrentHashMap.newKeySet();

	private final Set<Thread> workers = ConcurrentHashMap.newKeySet();

	private final List<LoopingCall> timers = new CopyOnWriteArrayList<>();

	/**
	 * Create a group of platform threads with room for 1000 threads and timers.
	 * @param name the prefix of the group's thread names
	 */
	public TaskGroup(String name) {
		this(builder(name));
	}

	private TaskGroup(Builder builder) {
		this.name = builder.name;
		this.maxThreads = builder.maxThreads;
		this.clock = builder.clock;
		ThreadFactory factory = ThreadMode.factory(builder.name, builder.virtualThreads);
		this.threadFactory = (runnable) -> {
			Thread thread = factory.newThread(() -> {
				try {
					runnable.run();
				}
				finally {
					this.threads.remove(Thread.currentThread());
				}
			});
			this.threads.add(thread);
			return thread;
		};
	}

	/**
	 * Start building a group.
	 * @param name the prefix of the group's thread names
	 * @return a builder with the defaults: platform threads, at most 1000 threads and
	 * timers
	 */
	public static Builder builder(String name) {
		return new Builder(name);
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
	 * @throws TaskGroupFullException if the group is full
	 */
	public synchronized Thread addThread(Runnable task) {
		Objects.requireNonNull(task, "task");
		requireRoom();
		Thread thread = this.threadFactory.newThread(() -> {
			try {
				task.run();
			}
			catch (RuntimeException ex) {
				logger.error("Thread of task group '{}' failed", this.name, ex);
			}
			finally {
				this.workers.remove(Thread.currentThread());
			}
		});
		this.workers.add(thread);
		thread.start();
		return thread;
	}

	/**
	 * Call {@code callback} every {@code interval}, the first time after
	 * {@code initialDelay}; an exception is logged and the timer goes on (oslo's timers
	 * stop at the first one: pass {@code stopOnException} to the other overload for
	 * that).
	 * @param interval the time from the start of one run to the start of the next
	 * @param initialDelay the time before the first run
	 * @param callback the work
	 * @return the running timer
	 * @throws TaskGroupFullException if the group is full
	 */
	public FixedIntervalLoopingCall addTimer(Duration interval, Duration initialDelay, Runnable callback) {
		Objects.requireNonNull(callback, "callback");
		return addTimer(interval, initialDelay, false, callback::run);
	}

	/**
	 * Call {@code callback} every {@code interval}, the first time after
	 * {@code initialDelay}. Runs never overlap: one that outlasts the interval is
	 * followed at once by the next, with a warning, and missed runs are not made up.
	 * @param interval the time from the start of one run to the start of the next
	 * @param initialDelay the time before the first run
	 * @param stopOnException whether an exception ends the timer
	 * @param callback the work; throw
	 * {@link dev.oslo.service.loopingcall.LoopingCallDone} to end the timer
	 * @return the running timer
	 * @throws TaskGroupFullException if the group is full
	 */
	public synchronized FixedIntervalLoopingCall addTimer(Duration interval, Duration initialDelay,
			boolean stopOnException, LoopingTask callback) {
		requireRoom();
		FixedIntervalLoopingCall timer = new FixedIntervalLoopingCall(this.name + "-timer", callback,
				this.threadFactory, this.clock);
		timer.start(interval, initialDelay, stopOnException);
		this.timers.add(timer);
		return timer;
	}

	/**
	 * Call {@code callback} again after the delay it returns, capped by
	 * {@code maxInterval}, which is also used when it returns {@code null}. An exception
	 * is logged and the timer goes on.
	 * @param callback the work; returns the delay before its next run
	 * @param initialDelay the time before the first run
	 * @param maxInterval the longest delay, and the one used when the callback returns
	 * {@code null}; {@code null} for no cap
	 * @return the running timer
	 * @throws TaskGroupFullException if the group is full
	 */
	public DynamicLoopingCall addDynamicTimer(DynamicLoopingTask callback, Duration initialDelay,
			@Nullable Duration maxInterval) {
		return addDynamicTimer(callback, initialDelay, maxInterval, false);
	}

	/**
	 * Call {@code callback} again after the delay it returns, capped by
	 * {@code maxInterval}, which is also used when it returns {@code null}.
	 * @param callback the work; returns the delay before its next run
	 * @param initialDelay the time before the first run
	 * @param maxInterval the longest delay; {@code null} for no cap
	 * @param stopOnException whether an exception ends the timer
	 * @return the running timer
	 * @throws TaskGroupFullException if the group is full
	 */
	public synchronized DynamicLoopingCall addDynamicTimer(DynamicLoopingTask callback, Duration initialDelay,
			@Nullable Duration maxInterval, boolean stopOnException) {
		requireRoom();
		DynamicLoopingCall timer = new DynamicLoopingCall(this.name + "-timer", callback, this.threadFactory,
				this.clock);
		timer.start(initialDelay, maxInterval, stopOnException);
		this.timers.add(timer);
		return timer;
	}

	/**
	 * Forget a timer that has finished or was stopped (oslo's {@code timer_done}); an
	 * unknown timer is ignored. A stopped timer stays listed until this or
	 * {@link #stopTimers()}.
	 * @param timer the timer
	 */
	public void removeTimer(LoopingCall timer) {
		this.timers.remove(timer);
	}

	/**
	 * Stop every timer and forget them: no new run starts; a run in progress finishes.
	 */
	public void stopTimers() {
		for (LoopingCall timer : this.timers) {
			timer.stop();
			this.timers.remove(timer);
		}
	}

	/**
	 * Stop the group. Graceful: stop the timers, then wait for their runs in progress and
	 * for every thread to finish its work. Not graceful: stop the timers and interrupt
	 * every thread, without waiting. Called from one of the group's own threads, that
	 * thread is neither interrupted nor waited for.
	 * @param graceful whether to let the work finish and wait for it
	 * @throws InterruptedException if interrupted while waiting
	 */
	public void stop(boolean graceful) throws InterruptedException {
		List<LoopingCall> stopping = List.copyOf(this.timers);
		stopTimers();
		if (graceful) {
			for (LoopingCall timer : stopping) {
				awaitQuietly(timer);
			}
			awaitWorkers();
		}
		else {
			this.threads.stream().filter((thread) -> thread != Thread.currentThread()).forEach(Thread::interrupt);
		}
	}

	/**
	 * Wait until every listed timer has ended and every thread has finished, other than
	 * the calling thread, so that a task may wait for its own group. Blocks for as long
	 * as a timer that was not stopped keeps running.
	 * @throws InterruptedException if interrupted while waiting
	 */
	public void await() throws InterruptedException {
		for (LoopingCall timer : this.timers) {
			awaitQuietly(timer);
		}
		awaitWorkers();
	}

	/**
	 * Wait at most {@code timeout} for every thread and timer of the group to finish.
	 * @param timeout how long to wait
	 * @return whether everything finished in time
	 * @throws InterruptedException if interrupted while waiting
	 */
	public boolean await(Duration timeout) throws InterruptedException {
		long deadline = System.nanoTime() + timeout.toNanos();
		for (Thread thread : List.copyOf(this.threads)) {
			long left = deadline - System.nanoTime();
			if (thread != Thread.currentThread()) {
				TimeUnit.NANOSECONDS.timedJoin(thread, Math.max(left, 1));
				if (thread.isAlive()) {
					return false;
				}
			}
		}
		return true;
	}

	/**
	 * The group's live threads, timers' included, for diagnostics such as a stuck
	 * shutdown.
	 * @return a copy of the live threads
	 */
	public List<Thread> threads() {
		return this.threads.stream().filter(Thread::isAlive).toList();
	}

	/**
	 * How many threads added with {@link #addThread} are alive.
	 * @return the live thread count, timers not included
	 */
	public int threadCount() {
		return (int) this.workers.stream().filter(Thread::isAlive).count();
	}

	/**
	 * How many timers are listed: running, or finished and not yet removed.
	 * @return the timer count
	 */
	public int timerCount() {
		return this.timers.size();
	}

	private void requireRoom() {
		if (this.workers.size() + this.timers.size() >= this.maxThreads) {
			throw new TaskGroupFullException(this.name, this.maxThreads);
		}
	}

	private void awaitWorkers() throws InterruptedException {
		for (Thread thread : List.copyOf(this.workers)) {
			if (thread != Thread.currentThread()) {
				thread.join();
			}
		}
	}

	private void awaitQuietly(LoopingCall timer) throws InterruptedException {
		if (timer.isLoopThread()) {
			return;
		}
		try {
			timer.await();
		}
		catch (InterruptedException ex) {
			throw ex;
		}
		catch (Exception ex) {
			logger.debug("Timer of task group '{}' ended with {}", this.name, ex.toString());
		}
	}

	/**
	 * Builds a {@link TaskGroup}.
	 */
	public static final class Builder {

		private final String name;

		private int maxThreads = 1000;

		private boolean virtualThreads;

		private LoopingCallClock clock = LoopingCallClock.SYSTEM;

		private Builder(String name) {
			this.name = Objects.requireNonNull(name, "name");
		}

		/**
		 * The most threads and timers the group holds at once.
		 * @param maxThreads a positive limit
		 * @return this builder
		 */
		public Builder maxThreads(int maxThreads) {
			if (maxThreads < 1) {
				throw new IllegalArgumentException("maxThreads must be positive, was " + maxThreads);
			}
			this.maxThreads = maxThreads;
			return this;
		}

		/**
		 * Whether to run the group on virtual threads; ignored, with a log line, before
		 * Java 21.
		 * @param virtualThreads {@code true} for virtual threads
		 * @return this builder
		 */
		public Builder virtualThreads(boolean virtualThreads) {
			this.virtualThreads = virtualThreads;
			return this;
		}

		/**
		 * The clock and sleep of the group's timers; replace it in tests.
		 * @param clock the clock
		 * @return this builder
		 */
		public Builder clock(LoopingCallClock clock) {
			this.clock = Objects.requireNonNull(clock, "clock");
			return this;
		}

		/**
		 * Build the group.
		 * @return a new, empty group
		 */
		public TaskGroup build() {
			return new TaskGroup(this);
		}

	}

}
