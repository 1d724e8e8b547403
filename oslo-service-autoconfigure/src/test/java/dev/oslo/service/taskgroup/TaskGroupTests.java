package dev.oslo.service.taskgroup;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;
import static org.awaitility.Awaitility.await;

class TaskGroupTests {

	private final TaskGroup group = new TaskGroup("test-group");

	@AfterEach
	void stopGroup() {
		this.group.stop(false);
	}

	@Test
	void timerRunsRepeatedlyUntilStopped() throws InterruptedException {
		AtomicInteger runs = new AtomicInteger();
		this.group.addTimer(Duration.ofMillis(10), Duration.ZERO, runs::incrementAndGet);
		await().until(() -> runs.get() >= 3);
		assertThat(this.group.timerCount()).isEqualTo(1);
		this.group.stop(true);
		assertThat(this.group.await(Duration.ofSeconds(10))).isTrue();
		int afterStop = runs.get();
		assertThat(this.group.timerCount()).isZero();
		assertThat(this.group.threadCount()).isZero();
		assertThat(runs.get()).isEqualTo(afterStop);
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
	void timerKeepsRunningAfterItsCallbackThrows() {
		AtomicInteger runs = new AtomicInteger();
		this.group.addTimer(Duration.ofMillis(5), Duration.ZERO, () -> {
			runs.incrementAndGet();
			throw new IllegalStateException("boom");
		});
		await().until(() -> runs.get() >= 3);
	}

	@Test
	void threadsAreNamedAfterTheGroupAndAreDaemons() throws InterruptedException {
		CountDownLatch release = new CountDownLatch(1);
		Thread thread = this.group.addThread(() -> awaitQuietly(release));
		assertThat(thread.getName()).startsWith("test-group-");
		assertThat(thread.isDaemon()).isTrue();
		assertThat(this.group.threads()).containsExactly(thread);
		release.countDown();
		this.group.await();
		assertThat(this.group.threadCount()).isZero();
	}

	@Test
	void gracefulStopLetsThreadsFinishTheirWork() throws InterruptedException {
		CountDownLatch release = new CountDownLatch(1);
		AtomicBoolean finished = new AtomicBoolean();
		this.group.addThread(() -> {
			awaitQuietly(release);
			finished.set(!Thread.currentThread().isInterrupted());
		});
		this.group.stop(true);
		assertThat(this.group.await(Duration.ofMillis(50))).isFalse();
		release.countDown();
		this.group.await();
		assertThat(finished).isTrue();
	}

	@Test
	void nonGracefulStopInterruptsThreads() throws InterruptedException {
		AtomicBoolean interrupted = new AtomicBoolean();
		CountDownLatch started = new CountDownLatch(1);
		this.group.addThread(() -> {
			started.countDown();
			try {
				new CountDownLatch(1).await(1, TimeUnit.HOURS);
			}
			catch (InterruptedException ex) {
				interrupted.set(true);
			}
		});
		started.await();
		this.group.stop(false);
		this.group.await();
		assertThat(interrupted).isTrue();
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
	void groupCanBeUsedAgainAfterStop() {
		this.group.stop(true);
		AtomicInteger runs = new AtomicInteger();
		this.group.addTimer(Duration.ofMillis(5), Duration.ZERO, runs::incrementAndGet);
		await().until(() -> runs.get() >= 2);
	}

	@Test
	void nonPositiveIntervalIsRefused() {
		assertThatIllegalArgumentException().isThrownBy(() -> this.group.addTimer(Duration.ZERO, Duration.ZERO, () -> {
		})).withMessageContaining("interval must be positive");
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
