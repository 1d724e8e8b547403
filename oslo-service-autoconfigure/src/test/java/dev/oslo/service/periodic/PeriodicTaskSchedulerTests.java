package dev.oslo.service.periodic;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;
import static org.awaitility.Awaitility.await;

class PeriodicTaskSchedulerTests {

	private final ThreadPoolTaskScheduler executor = new ThreadPoolTaskScheduler();

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
		this.scheduler.register("good", good::incrementAndGet, every(Duration.ofMillis(20)));
		this.scheduler.register("bad", () -> {
			throw new IllegalStateException("broken");
		}, every(Duration.ofMillis(20)));
		this.scheduler.start();
		await().until(() -> good.get() >= 3 && snapshot("bad").failures() >= 3);
		PeriodicTaskSnapshot bad = snapshot("bad");
		assertThat(bad.lastOutcome()).isEqualTo("failure");
		assertThat(bad.lastError()).contains("broken");
		assertThat(bad.runs()).isEqualTo(bad.failures());
		assertThat(snapshot("good").lastOutcome()).isEqualTo("success");
		assertThat(this.timed).contains("good:success", "bad:failure");
	}

	@Test
	void aSlowTaskNeverOverlapsItself() {
		AtomicInteger concurrent = new AtomicInteger();
		AtomicInteger maxConcurrent = new AtomicInteger();
		AtomicInteger runs = new AtomicInteger();
		this.scheduler.register("slow", () -> {
			maxConcurrent.accumulateAndGet(concurrent.incrementAndGet(), Math::max);
			java.util.concurrent.locks.LockSupport.parkNanos(Duration.ofMillis(60).toNanos());
			concurrent.decrementAndGet();
			runs.incrementAndGet();
		}, every(Duration.ofMillis(10)));
		this.scheduler.start();
		await().until(() -> runs.get() >= 4);
		assertThat(maxConcurrent).hasValue(1);
	}

	@Test
	void stopStartsNoNewRunAndWaitsForTheOneInProgress() throws InterruptedException {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		AtomicInteger runs = new AtomicInteger();
		this.scheduler.register("long", () -> {
			runs.incrementAndGet();
			started.countDown();
			try {
				release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, every(Duration.ofMillis(10)));
		this.scheduler.start();
		started.await();
		AtomicReference<List<String>> stillRunning = new AtomicReference<>();
		Thread stopper = new Thread(() -> stillRunning.set(this.scheduler.stop(Duration.ofSeconds(30))));
		stopper.start();
		await().during(Duration.ofMillis(200)).atMost(Duration.ofSeconds(5)).until(stopper::isAlive);
		release.countDown();
		stopper.join();
		assertThat(stillRunning.get()).isEmpty();
		int afterStop = runs.get();
		await().during(Duration.ofMillis(200)).until(() -> runs.get() == afterStop);
	}

	@Test
	void stopReportsATaskStillRunningAtTheDeadline() throws InterruptedException {
		CountDownLatch started = new CountDownLatch(1);
		CountDownLatch release = new CountDownLatch(1);
		this.scheduler.register("stuck", () -> {
			started.countDown();
			try {
				release.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}, every(Duration.ofMillis(10)));
		this.scheduler.start();
		started.await();
		assertThat(this.scheduler.stop(Duration.ofMillis(100))).containsExactly("stuck");
		release.countDown();
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
		return this.scheduler.snapshot().stream().filter((s) -> s.name().equals(name)).findFirst().orElseThrow();
	}

	private static java.util.function.Supplier<TaskSettings> every(Duration spacing) {
		return () -> new TaskSettings(spacing, false);
	}

}
