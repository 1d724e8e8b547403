package dev.oslo.bench;

import java.time.Duration;
import java.util.concurrent.ThreadFactory;
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
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * The fixed cost of one timer, in us: build a group, add a timer whose task ends the loop on its
 * first tick, wait for it. Against the floor of starting and joining a bare thread of the same
 * kind, which is what the timer cannot avoid.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MICROSECONDS)
@Fork(1)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@State(Scope.Thread)
public class TimerStartBenchmark {

	private static final Duration INTERVAL = Duration.ofMillis(1);

	private final CountingTask task = new CountingTask(1);

	/** The task's one tick on a bare thread; what a timer's first tick does, without the loop. */
	private final Runnable bareRun = () -> {
		try {
			this.task.reset().run();
		}
		catch (LoopingCallDone done) {
			// the end of the one tick
		}
	};

	@Benchmark
	public int timerPlatform() throws Exception {
		return runTimer(false);
	}

	@Benchmark
	public int timerVirtual(TimerTickBenchmark.VirtualCheck check) throws Exception {
		return runTimer(true);
	}

	@Benchmark
	public int threadPlatform() throws Exception {
		Thread thread = new Thread(this.bareRun);
		thread.start();
		thread.join();
		return this.task.count();
	}

	@Benchmark
	public int threadVirtual(VirtualFactory factory) throws Exception {
		Thread thread = factory.factory.newThread(this.bareRun);
		thread.start();
		thread.join();
		return this.task.count();
	}

	private int runTimer(boolean virtual) throws Exception {
		TaskGroup group = TaskGroup.builder("bench").virtualThreads(virtual).clock(NoSleepClock.INSTANCE).build();
		FixedIntervalLoopingCall timer = group.addTimer(INTERVAL, Duration.ZERO, true, this.task.reset());
		timer.await();
		return this.task.count();
	}

	@State(Scope.Thread)
	public static class VirtualFactory {

		ThreadFactory factory;

		@Setup(Level.Trial)
		public void setUp() {
			this.factory = Threads.virtualFactory();
		}

	}

}
