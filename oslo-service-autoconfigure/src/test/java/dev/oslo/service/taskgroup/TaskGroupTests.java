package dev.oslo.service.taskgroup;

import java.lang.reflect.Method;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import dev.oslo.service.loopingcall.DynamicLoopingCall;
import dev.oslo.service.loopingcall.FixedIntervalLoopingCall;
import dev.oslo.service.loopingcall.LoopingCallDone;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.assertj.core.api.Assumptions.assumeThat;
import static org.awaitility.Awaitility.await;

class TaskGroupTests {

	private final TaskGroup group = new TaskGroup("test-group");

	private final CountDownLatch release = new CountDownLatch(1);

	@AfterEach
	void stopGroup() throws InterruptedException {
		this.release.countDown();
		this.group.stop(false);
	}

	@Test
	void timerRunsRepeatedlyUntilTimersAreStopped() throws Exception {
		AtomicInteger runs = new AtomicInteger();
		FixedIntervalLoopingCall timer = this.group.addTimer(Duration.ofMillis(10), Duration.ZERO,
				runs::incrementAndGet);
		await().until(() -> runs.get() >= 3);
		assertThat(this.group.timerCount()).isOne();
		this.group.stopTimers();
		assertThat(this.group.timerCount()).isZero();
		assertThat(timer.await(Duration.ofSeconds(30))).isNull();
		assertThat(timer.isRunning()).isFalse();
		int afterStop = runs.get();
		await().during(Duration.ofMillis(100)).atMost(Duration.ofSeconds(5)).until(() -> runs.get() == afterStop);
	}

	@Test
	void stoppingEndsALongSleepAtOnce() throws InterruptedException {
		AtomicInteger runs = new AtomicInteger();
		this.group.addTimer(Duration.ofHours(1), Duration.ofHours(1), runs::incrementAndGet);
		this.group.stopTimers();
		assertThat(this.group.await(Duration.ofSeconds(10))).isTrue();
		assertThat(runs.get()).isZero();
	}

	@Test
	void simpleTimerKeepsRunningAfterItsCallbackThrows() {
		AtomicInteger runs = new AtomicInteger();
		this.group.addTimer(Duration.ofMillis(5), Duration.ZERO, () -> {
			runs.incrementAndGet();
			throw new IllegalStateException("boom");
		});
		await().until(() -> runs.get() >= 3);
	}

	@Test
	void timerWithStopOnExceptionEndsAtTheFirstOne() {
		AtomicInteger runs = new AtomicInteger();
		FixedIntervalLoopingCall timer = this.group.addTimer(Duration.ofMillis(5), Duration.ZERO, true, () -> {
			runs.incrementAndGet();
			throw new IllegalStateException("boom");
		});
		await().until(() -> !timer.isRunning());
		assertThat(runs).hasValue(1);
		assertThat(this.group.timerCount()).as("a finished timer stays listed until removed").isOne();
		this.group.removeTimer(timer);
		assertThat(this.group.timerCount()).isZero();
	}

	@Test
	void stoppedTimerStaysListedUntilRemoved() {
		FixedIntervalLoopingCall timer = this.group.addTimer(Duration.ofMillis(5), Duration.ZERO, () -> {
		});
		timer.stop();
		assertThat(this.group.timerCount()).isOne();
		this.group.removeTimer(timer);
		this.group.removeTimer(timer);
		assertThat(this.group.timerCount()).isZero();
	}

	@Test
	void dynamicTimerSleepsWhatItsCallbackReturnsCappedByTheMaximum() throws Exception {
		List<Long> runTimes = new CopyOnWriteArrayList<>();
		DynamicLoopingCall timer = this.group.addDynamicTimer(() -> {
			runTimes.add(System.nanoTime());
			if (runTimes.size() == 3) {
				throw new LoopingCallDone("three");
			}
			return Duration.ofHours(1);
		}, Duration.ZERO, Duration.ofMillis(20));
		assertThat(timer.await(Duration.ofSeconds(30))).isEqualTo("three");
		assertThat(this.group.timerCount()).isOne();
	}

	@Test
	void threadsAreNamedAfterTheGroupAndAreDaemons() throws InterruptedException {
		Thread thread = this.group.addThread(this::awaitRelease);
		assertThat(thread.getName()).startsWith("test-group-");
		assertThat(thread.isDaemon()).isTrue();
		assertThat(this.group.threads()).containsExactly(thread);
		assertThat(this.group.threadCount()).isOne();
		this.release.countDown();
		this.group.await();
		assertThat(this.group.threadCount()).isZero();
	}

	@Test
	void gracefulStopWaitsForAOneSecondThread() throws InterruptedException {
		AtomicBoolean finished = new AtomicBoolean();
		this.group.addThread(() -> {
			sleepUninterruptibly(Duration.ofSeconds(1));
			finished.set(true);
		});
		long started = System.nanoTime();
		this.group.stop(true);
		assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
		assertThat(finished).isTrue();
		assertThat(this.group.threadCount()).isZero();
		assertThat(this.group.timerCount()).isZero();
	}

	@Test
	void nonGracefulStopInterruptsThreadsAndDoesNotWait() throws InterruptedException {
		AtomicBoolean interrupted = new AtomicBoolean();
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch ignoreInterrupt = new CountDownLatch(1);
		Thread stubborn = this.group.addThread(() -> {
			started.countDown();
			try {
				new CountDownLatch(1).await(1, TimeUnit.HOURS);
			}
			catch (InterruptedException ex) {
				interrupted.set(true);
			}
			awaitQuietly(ignoreInterrupt);
		});
		started.await();
		this.group.stop(false);
		assertThat(stubborn.isAlive()).as("stop(false) returned without waiting for the thread").isTrue();
		await().untilTrue(interrupted);
		ignoreInterrupt.countDown();
		this.group.await();
	}

	@Test
	void stopFromOneOfTheGroupsOwnThreadsSparesThatThread() throws InterruptedException {
		CountDownLatch othersStarted = new CountDownLatch(3);
		for (int i = 0; i < 3; i++) {
			this.group.addThread(() -> {
				othersStarted.countDown();
				try {
					new CountDownLatch(1).await();
				}
				catch (InterruptedException ex) {
					Thread.currentThread().interrupt();
				}
			});
		}
		AtomicBoolean stopperInterrupted = new AtomicBoolean();
		CountDownLatch stopped = new CountDownLatch(1);
		this.group.addThread(() -> {
			try {
				othersStarted.await();
				this.group.stop(false);
				stopperInterrupted.set(Thread.currentThread().isInterrupted());
				stopped.countDown();
				this.release.await();
			}
			catch (InterruptedException ex) {
				stopperInterrupted.set(true);
			}
		});
		stopped.await();
		await().until(() -> this.group.threadCount() == 1);
		assertThat(stopperInterrupted).isFalse();
	}

	@Test
	void aThreadMayAwaitItsOwnGroup() throws InterruptedException {
		AtomicBoolean returned = new AtomicBoolean();
		this.group.addThread(() -> {
			try {
				this.group.await();
				returned.set(true);
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		});
		this.group.await();
		assertThat(returned).isTrue();
	}

	@Test
	void fullGroupRefusesAtOnceInsteadOfBlocking() {
		TaskGroup small = TaskGroup.builder("small").maxThreads(2).build();
		small.addThread(this::awaitRelease);
		small.addTimer(Duration.ofHours(1), Duration.ofHours(1), () -> {
		});
		assertThatExceptionOfType(TaskGroupFullException.class).isThrownBy(() -> small.addThread(() -> {
		})).withMessageContaining("Task group 'small' is full: it already runs 2 threads and timers");
		small.stopTimers();
	}

	@Test
	void groupCanBeUsedAgainAfterStop() throws InterruptedException {
		this.group.stop(true);
		AtomicInteger runs = new AtomicInteger();
		this.group.addTimer(Duration.ofMillis(5), Duration.ZERO, runs::incrementAndGet);
		await().until(() -> runs.get() >= 2);
	}

	@Test
	void virtualThreadsWhereTheJvmHasThem() throws Exception {
		TaskGroup virtual = TaskGroup.builder("virtual").virtualThreads(true).build();
		Thread thread = virtual.addThread(this::awaitRelease);
		assertThat(thread.getName()).startsWith("virtual-");
		if (Runtime.version().feature() >= 21) {
			Method isVirtual = Thread.class.getMethod("isVirtual");
			assertThat(isVirtual.invoke(thread)).isEqualTo(true);
		}
		else {
			assertThat(thread.isDaemon()).isTrue();
		}
		this.release.countDown();
		virtual.await();
	}

	@Test
	void platformThreadsWhenVirtualThreadsAreNotAskedFor() throws Exception {
		assumeThat(Runtime.version().feature()).isGreaterThanOrEqualTo(21);
		Thread thread = this.group.addThread(this::awaitRelease);
		assertThat(Thread.class.getMethod("isVirtual").invoke(thread)).isEqualTo(false);
	}

	@Test
	void nonPositiveIntervalIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.group.addTimer(Duration.ZERO, Duration.ZERO, () -> {
		})).withMessageContaining("interval must be positive");
	}

	private void awaitRelease() {
		awaitQuietly(this.release);
	}

	private static void awaitQuietly(CountDownLatch latch) {
		boolean interrupted = false;
		while (true) {
			try {
				latch.await();
				break;
			}
			catch (InterruptedException ex) {
				interrupted = true;
			}
		}
		if (interrupted) {
			Thread.currentThread().interrupt();
		}
	}

	private static void sleepUninterruptibly(Duration duration) {
		long end = System.nanoTime() + duration.toNanos();
		long left;
		while ((left = end - System.nanoTime()) > 0) {
			java.util.concurrent.locks.LockSupport.parkNanos(left);
		}
	}

}
