package dev.oslo.service.periodic;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.scheduling.Trigger;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

class PeriodicTaskSchedulerTests {

	private final AtomicInteger firings = new AtomicInteger();

	/**
	 * The task scheduler, counting each time it fires a task: a run, or a run skipped by
	 * the scheduler's own guard.
	 */
	private final ThreadPoolTaskScheduler executor = new ThreadPoolTaskScheduler() {

		@Override
		public @Nullable ScheduledFuture<?> schedule(Runnable task, Trigger trigger) {
			return super.schedule(() -> {
				PeriodicTaskSchedulerTests.this.firings.incrementAndGet();
				task.run();
			}, trigger);
		}

	};

	private final List<String> timed = new CopyOnWriteArrayList<>();

	private final PeriodicTaskScheduler scheduler;

	PeriodicTaskSchedulerTests() {
		this.executor.setPoolSize(4);
		this.executor.initialize();
		this.scheduler = new PeriodicTaskScheduler(this.executor, this.executor.getClock(), () -> 0,
				(name, duration, failure) -> this.timed.add(name + ":" + ((failure == null) ? "success" : "failure")));
	}

	@AfterEach
	void shutdown() {
		this.scheduler.stop(Duration.ofSeconds(5));
		this.executor.shutdown();
	}

	@Test
	void aFailingTaskIsCountedAndStopsNeitherItselfNorTheOthers() {
		AtomicInteger good = new AtomicInteger();
		AtomicInteger badCalls = new AtomicInteger();
		this.scheduler.register("good", good::incrementAndGet, every(Duration.ofMillis(20)));
		this.scheduler.register("bad", () -> {
			badCalls.incrementAndGet();
			throw new IllegalStateException("broken");
		}, every(Duration.ofMillis(20)));
		this.scheduler.start();
		await().until(() -> good.get() >= 3 && badCalls.get() >= 3);
		assertThat(this.scheduler.stop(Duration.ofSeconds(30))).isEmpty();
		PeriodicTaskSnapshot bad = snapshot("bad");
		assertThat(bad.lastOutcome()).isEqualTo("failure");
		assertThat(bad.lastError()).contains("broken");
		assertThat(bad.failures()).isEqualTo(badCalls.get());
		assertThat(bad.runs()).isEqualTo(badCalls.get());
		assertThat(snapshot("good").lastOutcome()).isEqualTo("success");
		assertThat(this.timed).contains("good:success", "bad:failure");
	}

	@Test
	void aRunNowWhileAScheduledRunIsInProgressIsSkippedAtOnceNotRunAlongsideNorQueued() throws Exception {
		SlowTask slow = new SlowTask();
		this.scheduler.register("slow", slow, () -> new TaskSettings(Duration.ofHours(1), true));
		this.scheduler.start();
		slow.firstStarted.await();

		boolean ran = CompletableFuture.supplyAsync(() -> this.scheduler.runNow("slow")).get(30, TimeUnit.SECONDS);

		assertThat(ran).isFalse();
		slow.release.countDown();
		await().until(() -> snapshot("slow").runs() == 1);
		assertThat(slow.runs).hasValue(1);
		assertThat(slow.mostAtOnce).hasValue(1);
		assertThat(this.scheduler.runNow("slow")).isTrue();
		assertThat(slow.runs).hasValue(2);
	}

	@Test
	void aRescheduleWhileARunIsInProgressSkipsTheRunsDueMeanwhileAndNeverRunsTwoAtOnce() throws Exception {
		SlowTask slow = new SlowTask();
		AtomicReference<TaskSettings> settings = new AtomicReference<>(new TaskSettings(Duration.ofHours(1), true));
		this.scheduler.register("slow", slow, settings::get);
		this.scheduler.start();
		slow.firstStarted.await();

		settings.set(new TaskSettings(Duration.ofMillis(20), false));
		this.scheduler.reschedule();
		await().until(() -> this.firings.get() >= 4 || slow.mostAtOnce.get() > 1);

		assertThat(slow.mostAtOnce).hasValue(1);
		assertThat(slow.runs).hasValue(1);
		slow.release.countDown();
		await().until(() -> slow.runs.get() >= 3);
		this.scheduler.stop(Duration.ofSeconds(30));
		assertThat(slow.mostAtOnce).hasValue(1);
		assertThat(snapshot("slow").runs()).isEqualTo(slow.runs.get());
		assertThat(this.firings.get()).as("skipped firings are not runs").isGreaterThanOrEqualTo(slow.runs.get() + 3);
	}

	@Test
	void stopStartsNoNewRunAndWaitsForTheOneInProgress() throws InterruptedException {
		SlowTask slow = new SlowTask();
		this.scheduler.register("long", slow, every(Duration.ofMillis(10)));
		this.scheduler.start();
		slow.firstStarted.await();
		AtomicReference<List<String>> stillRunning = new AtomicReference<>();
		Thread stopper = new Thread(() -> stillRunning.set(this.scheduler.stop(Duration.ofSeconds(30))));
		stopper.start();
		await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(stopper::isAlive);
		slow.release.countDown();
		stopper.join();
		assertThat(stillRunning.get()).isEmpty();
		int afterStop = slow.runs.get();
		await().during(Duration.ofMillis(200)).until(() -> slow.runs.get() == afterStop);
	}

	@Test
	void stopReportsATaskStillRunningAtTheDeadline() throws InterruptedException {
		SlowTask slow = new SlowTask();
		this.scheduler.register("stuck", slow, every(Duration.ofMillis(10)));
		this.scheduler.start();
		slow.firstStarted.await();
		assertThat(this.scheduler.stop(Duration.ofMillis(100))).containsExactly("stuck");
		slow.release.countDown();
	}

	@Test
	void rescheduleAppliesANewSpacingAtOnce() {
		AtomicReference<TaskSettings> settings = new AtomicReference<>(new TaskSettings(Duration.ofHours(1), false));
		AtomicInteger runs = new AtomicInteger();
		this.scheduler.register("hourly", runs::incrementAndGet, settings::get);
		this.scheduler.start();
		assertThat(snapshot("hourly").nextRunAt()).isAfter(java.time.Instant.now().plusSeconds(3000));
		settings.set(new TaskSettings(Duration.ofMillis(20), false));
		this.scheduler.reschedule();
		await().until(() -> runs.get() >= 3);
		assertThat(snapshot("hourly").spacing()).isEqualTo(Duration.ofMillis(20));
	}

	@Test
	void aTaskDisabledAtFirstStartsWhenEnabledByAReschedule() {
		AtomicReference<TaskSettings> settings = new AtomicReference<>(new TaskSettings(null, false));
		AtomicInteger runs = new AtomicInteger();
		this.scheduler.register("off", runs::incrementAndGet, settings::get);
		this.scheduler.start();
		assertThat(snapshot("off").nextRunAt()).isNull();
		settings.set(new TaskSettings(Duration.ofMillis(20), true));
		this.scheduler.reschedule();
		await().until(() -> runs.get() >= 2);
	}

	@Test
	void runNowRunsOutsideTheSchedule() {
		AtomicInteger runs = new AtomicInteger();
		this.scheduler.register("manual", runs::incrementAndGet, every(Duration.ofHours(1)));
		this.scheduler.start();
		assertThat(this.scheduler.runNow("manual")).isTrue();
		assertThat(runs).hasValue(1);
		assertThat(snapshot("manual").runs()).isOne();
	}

	@Test
	void twoTasksWithOneNameAreRefused() {
		this.scheduler.register("twice", () -> {
		}, every(Duration.ofHours(1)));
		assertThatIllegalStateException().isThrownBy(() -> this.scheduler.register("twice", () -> {
		}, every(Duration.ofHours(1)))).withMessageContaining("Two periodic tasks are named 'twice'");
	}

	private PeriodicTaskSnapshot snapshot(String name) {
		return TaskSnapshots.named(this.scheduler, name);
	}

	private static java.util.function.Supplier<TaskSettings> every(Duration spacing) {
		return () -> new TaskSettings(spacing, false);
	}

	/**
	 * A task whose first run blocks until released, and that counts how many of its runs
	 * were in progress at once.
	 */
	private static final class SlowTask implements Runnable {

		private final CountDownLatch firstStarted = new CountDownLatch(1);

		private final CountDownLatch release = new CountDownLatch(1);

		private final AtomicInteger running = new AtomicInteger();

		private final AtomicInteger mostAtOnce = new AtomicInteger();

		private final AtomicInteger runs = new AtomicInteger();

		@Override
		public void run() {
			this.mostAtOnce.accumulateAndGet(this.running.incrementAndGet(), Math::max);
			try {
				if (this.runs.incrementAndGet() == 1) {
					this.firstStarted.countDown();
					this.release.await();
				}
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				this.running.decrementAndGet();
			}
		}

	}

}
