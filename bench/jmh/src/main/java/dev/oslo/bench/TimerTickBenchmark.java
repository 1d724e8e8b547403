package dev.oslo.bench;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

import dev.oslo.service.loopingcall.FixedIntervalLoopingCall;
import dev.oslo.service.loopingcall.LoopingCallDone;
import dev.oslo.service.taskgroup.TaskGroup;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.CompilerControl;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OperationsPerInvocation;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Timer dispatch overhead per tick: a no-op task ends its loop after {@value #TICKS} ticks, and the
 * score is the time of the whole loop divided by the ticks ({@link OperationsPerInvocation}), in ns
 * per tick. The looping calls run on {@link NoSleepClock}, whose sleep returns at once, so what is
 * measured is the loop's own work per tick, not the sleep.
 * <ul>
 * <li>{@code plainLoop}: the same task called in a {@code while} loop on the benchmark thread
 * through a method the JIT may not inline, the floor: one real call per tick;
 * {@code plainLoopTwoClockReads} adds the two {@code System.nanoTime()} reads a looping call makes
 * per tick;</li>
 * <li>{@code timerPlatform} / {@code timerVirtual}: {@link TaskGroup#addTimer} on a platform or a
 * virtual thread (the latter needs Java 21+ and fails rather than fall back), thread start and end
 * included and amortised over the ticks;</li>
 * <li>{@code stpeFixedDelay}: the JDK's {@link ScheduledThreadPoolExecutor#scheduleWithFixedDelay}
 * with a 1 ns delay (0 is refused), on a pool thread started once per trial: each tick goes through
 * its delay queue and {@code FutureTask.runAndReset}, with no parking since the delay has already
 * passed when the worker looks.</li>
 * </ul>
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class TimerTickBenchmark {

	static final int TICKS = 100_000;

	private static final Duration INTERVAL = Duration.ofMillis(1);

	private final CountingTask task = new CountingTask(TICKS);

	private ScheduledThreadPoolExecutor executor;

	@Setup(Level.Trial)
	public void setUp() {
		this.executor = new ScheduledThreadPoolExecutor(1);
		this.executor.prestartAllCoreThreads();
	}

	@TearDown(Level.Trial)
	public void tearDown() {
		this.executor.shutdownNow();
	}

	@Benchmark
	@OperationsPerInvocation(TICKS)
	public int plainLoop() {
		CountingTask task = this.task.reset();
		try {
			while (true) {
				tick(task);
			}
		}
		catch (LoopingCallDone done) {
			return task.count();
		}
	}

	/**
	 * The floor plus the two {@link System#nanoTime()} reads the looping call makes per tick (it
	 * times each run to compute the next sleep): how much of a tick the monotonic clock costs on
	 * this machine.
	 */
	@Benchmark
	@OperationsPerInvocation(TICKS)
	public long plainLoopTwoClockReads() {
		CountingTask task = this.task.reset();
		long sum = 0;
		try {
			while (true) {
				long started = System.nanoTime();
				tick(task);
				sum += System.nanoTime() - started;
			}
		}
		catch (LoopingCallDone done) {
			return sum + task.count();
		}
	}

	/**
	 * One call of the task, kept out of line: inlined, the JIT folds the whole counting loop into a
	 * few instructions (0.02 ns per "tick"), which is no floor for a loop that really calls a task.
	 */
	@CompilerControl(CompilerControl.Mode.DONT_INLINE)
	private static void tick(CountingTask task) {
		task.run();
	}

	@Benchmark
	@OperationsPerInvocation(TICKS)
	public int timerPlatform() throws Exception {
		return runTimer(false);
	}

	@Benchmark
	@OperationsPerInvocation(TICKS)
	public int timerVirtual(VirtualCheck check) throws Exception {
		return runTimer(true);
	}

	@Benchmark
	@OperationsPerInvocation(TICKS)
	public int stpeFixedDelay() throws Exception {
		CountingTask task = this.task.reset();
		CountDownLatch done = new CountDownLatch(1);
		ScheduledFuture<?> future = this.executor.scheduleWithFixedDelay(() -> {
			try {
				task.run();
			}
			catch (LoopingCallDone ex) {
				done.countDown();
				throw ex; // a periodic task that throws is not run again
			}
		}, 0, 1, TimeUnit.NANOSECONDS);
		done.await();
		future.cancel(false);
		return task.count();
	}

	private int runTimer(boolean virtual) throws Exception {
		TaskGroup group = TaskGroup.builder("bench").virtualThreads(virtual).clock(NoSleepClock.INSTANCE).build();
		FixedIntervalLoopingCall timer = group.addTimer(INTERVAL, Duration.ZERO, true, this.task.reset());
		timer.await();
		return this.task.count();
	}

	/** Fails the virtual-thread benchmark on a JVM where the group would use platform threads. */
	@State(Scope.Thread)
	public static class VirtualCheck {

		@Setup(Level.Trial)
		public void check() throws Exception {
			Threads.requireVirtualThreads();
			TaskGroup group = TaskGroup.builder("check").virtualThreads(true).build();
			boolean[] virtual = new boolean[1];
			group.addThread(() -> virtual[0] = Threads.isVirtual(Thread.currentThread())).join();
			if (!virtual[0]) {
				throw new IllegalStateException("TaskGroup.virtualThreads(true) did not run on a virtual thread");
			}
		}

	}

}
