package dev.oslo.service.periodic;

import java.net.ConnectException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.scheduling.concurrent.ThreadPoolTaskScheduler;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Runs of cluster-singleton tasks under a lock that another replica may hold, or that
 * cannot be reached.
 */
@ExtendWith(OutputCaptureExtension.class)
class ClusterSingletonRunsTests {

	private static final TaskSettings.SingletonLock LOCK = new TaskSettings.SingletonLock(Duration.ofSeconds(20),
			Duration.ofSeconds(9));

	private final ThreadPoolTaskScheduler executor = new ThreadPoolTaskScheduler();

	private final List<String> reported = new CopyOnWriteArrayList<>();

	private final SharedLock lock = new SharedLock();

	private final PeriodicTaskScheduler scheduler;

	private final AtomicInteger runs = new AtomicInteger();

	ClusterSingletonRunsTests() {
		this.executor.initialize();
		this.scheduler = new PeriodicTaskScheduler(this.executor, this.executor.getClock(), () -> 0,
				new TaskRunListener() {

					@Override
					public void ran(String name, Duration duration, @Nullable Throwable failure) {
						ClusterSingletonRunsTests.this.reported.add(name + ":ran");
					}

					@Override
					public void skipped(String name, String outcome, Duration duration) {
						ClusterSingletonRunsTests.this.reported.add(name + ":" + outcome);
					}

				}, this.lock);
		this.scheduler.register("report", () -> {
			assertThat(this.lock.heldBy).isEqualTo("me");
			this.runs.incrementAndGet();
		}, () -> new TaskSettings(Duration.ofSeconds(10), false, LOCK));
	}

	@AfterEach
	void shutdown() {
		this.scheduler.stop(Duration.ofSeconds(5));
		this.executor.shutdown();
	}

	@Test
	void aRunTakesTheLockWithItsLifetimesAndReleasesItAfter() {
		assertThat(this.scheduler.runNow("report")).isTrue();

		assertThat(this.runs).hasValue(1);
		assertThat(this.lock.requests).containsExactly("report for 20s at least 9s");
		assertThat(this.lock.heldBy).isNull();
		SingletonLockSnapshot singleton = snapshot().singleton();
		assertThat(singleton.lastOutcome()).isEqualTo("acquired");
		assertThat(singleton.holder()).isEqualTo("me");
		assertThat(singleton.acquired()).isOne();
		assertThat(this.reported).containsExactly("report:ran");
	}

	@Test
	void aRunIsSkippedWhileAnotherReplicaHoldsTheLockAndNamesIt() {
		this.lock.heldBy = "node-b:4242";

		assertThat(this.scheduler.runNow("report")).isFalse();
		assertThat(this.scheduler.runNow("report")).isFalse();

		assertThat(this.runs).hasValue(0);
		PeriodicTaskSnapshot task = snapshot();
		assertThat(task.runs()).isZero();
		assertThat(task.singleton().lastOutcome()).isEqualTo("locked");
		assertThat(task.singleton().holder()).isEqualTo("node-b:4242");
		assertThat(task.singleton().locked()).isEqualTo(2);
		assertThat(this.reported).containsExactly("report:locked", "report:locked");

		this.lock.heldBy = null;
		assertThat(this.scheduler.runNow("report")).isTrue();
		assertThat(this.runs).hasValue(1);
	}

	@Test
	void anUnreachableLockSkipsRunsWithOneWarningAndRunsResumeWhenItAnswers(CapturedOutput output) {
		this.lock.down = true;

		assertThat(this.scheduler.runNow("report")).isFalse();
		assertThat(this.scheduler.runNow("report")).isFalse();

		assertThat(this.runs).hasValue(0);
		SingletonLockSnapshot singleton = snapshot().singleton();
		assertThat(singleton.lastOutcome()).isEqualTo("lock-unavailable");
		assertThat(singleton.lastError()).isEqualTo("java.lang.IllegalStateException: Could not open JDBC Connection "
				+ "(java.net.ConnectException: Connection refused)");
		assertThat(singleton.unavailable()).isEqualTo(2);
		assertThat(this.reported).containsExactly("report:lock-unavailable", "report:lock-unavailable");
		assertThat(output.getOut().lines().filter((line) -> line.contains("cannot reach its cluster lock")))
			.singleElement()
			.asString()
			.endsWith("Connection refused)");

		this.lock.down = false;
		assertThat(this.scheduler.runNow("report")).isTrue();
		assertThat(this.runs).hasValue(1);
		assertThat(output).contains("Periodic task 'report' reaches its cluster lock again");
		assertThat(snapshot().singleton().lastError()).isNull();
	}

	@Test
	void aFailedReleaseIsLoggedAndTheRunStillCounts(CapturedOutput output) {
		this.lock.failRelease = true;

		assertThat(this.scheduler.runNow("report")).isTrue();

		assertThat(snapshot().runs()).isOne();
		assertThat(output).contains("could not release its cluster lock");
	}

	@Test
	void aTaskThatIsNoSingletonNeverAsksForTheLock() {
		AtomicInteger local = new AtomicInteger();
		this.scheduler.register("local", local::incrementAndGet, () -> new TaskSettings(Duration.ofSeconds(10), false));

		assertThat(this.scheduler.runNow("local")).isTrue();

		assertThat(local).hasValue(1);
		assertThat(this.lock.requests).isEmpty();
		assertThat(TaskSnapshots.named(this.scheduler, "local").singleton()).isNull();
	}

	private PeriodicTaskSnapshot snapshot() {
		return TaskSnapshots.named(this.scheduler, "report");
	}

	/**
	 * A lock store in memory: another replica may hold the lock, or the store may be
	 * down.
	 */
	private static final class SharedLock implements ClusterLock {

		private final List<String> requests = new CopyOnWriteArrayList<>();

		private volatile @Nullable String heldBy;

		private volatile boolean down;

		private volatile boolean failRelease;

		@Override
		public Optional<Held> tryLock(String name, Duration lockAtMostFor, Duration lockAtLeastFor) {
			if (this.down) {
				throw new IllegalStateException("Could not open JDBC Connection", new IllegalStateException(
						"connection attempt failed", new ConnectException("Connection refused")));
			}
			this.requests
				.add(name + " for " + lockAtMostFor.toSeconds() + "s at least " + lockAtLeastFor.toSeconds() + "s");
			if (this.heldBy != null) {
				return Optional.empty();
			}
			this.heldBy = "me";
			return Optional.of(() -> {
				this.heldBy = null;
				if (this.failRelease) {
					throw new IllegalStateException("connection reset");
				}
			});
		}

		@Override
		public Optional<String> holder(String name) {
			return Optional.ofNullable(this.heldBy);
		}

	}

}
