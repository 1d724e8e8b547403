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
 * The same no-op timer with real sleeps: interval 1 ms on the system clock, {@value #TICKS} ticks
 * per invocation, score in us per tick. The part above 1000 us is what a tick costs in practice:
 * the wake-up latency of a timed park (kernel timer slack, and for virtual threads the hop through
 * the scheduler back onto a carrier) plus the loop's bookkeeping. Compared with the JDK's
 * {@code scheduleWithFixedDelay(1 ms)}, which has the same schedule for a task that takes no time.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 2, time = 2)
@Measurement(iterations = 5, time = 2)
@State(Scope.Thread)
public class TimerRealSleepBenchmark {

	static final int TICKS = 100;

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
	public int timerPlatform() throws Exception {
		return runTimer(false);
	}

	@Benchmark
	@OperationsPerInvocation(TICKS)
	public int timerVirtual(TimerTickBenchmark.VirtualCheck check) throws Exception {
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
				throw ex;
			}
		}, 0, INTERVAL.toNanos(), TimeUnit.NANOSECONDS);
		done.await();
		future.cancel(false);
		return task.count();
	}

	private int runTimer(boolean virtual) throws Exception {
		TaskGroup group = TaskGroup.builder("bench").virtualThreads(virtual).build();
		FixedIntervalLoopingCall timer = group.addTimer(INTERVAL, Duration.ZERO, true, this.task.reset());
		timer.await();
		return this.task.count();
	}

}
