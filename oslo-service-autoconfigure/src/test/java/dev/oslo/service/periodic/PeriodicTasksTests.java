package dev.oslo.service.periodic;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import dev.oslo.service.periodic.PeriodicTasks.Settings;
import dev.oslo.service.taskgroup.TaskGroup;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * oslo's periodic-task test vectors, on a controllable clock.
 */
class PeriodicTasksTests {

	private static final Settings NO_JITTER = new Settings(Duration.ofSeconds(60), true, false);

	private final AtomicLong now = new AtomicLong();

	@Test
	void callCountsOfSeveralTasksAtFourPointsInTime() throws Exception {
		at(340);
		Manager manager = new Manager(NO_JITTER, this.now);
		int[][] expected = { { 1, 0, 0, 0, 0, 0 }, { 1, 1, 1, 0, 1, 0 }, { 2, 1, 1, 1, 1, 1 }, { 3, 2, 2, 2, 2, 2 } };
		long[] times = { 340, 400, 430, 490 };
		for (int i = 0; i < times.length; i++) {
			at(times[i]);
			manager.runPeriodicTasks(false);
			assertThat(new int[] { manager.count("ticks"), manager.count("doit"), manager.count("urg"),
					manager.count("tocks"), manager.count("ext1"), manager.count("ext2") })
				.as("call counts at t=%d", times[i])
				.containsExactly(expected[i]);
			assertThat(manager.count("crashit")).as("calls of crashit, which throws, at t=%d", times[i])
				.isEqualTo(expected[i][1]);
		}
	}

	@Test
	void aTaskOfSpacingNineCalledEverySecondRunsEveryNinth() throws Exception {
		at(0);
		NineSeconds manager = new NineSeconds(this.now);
		for (int i = 1; i <= 200; i++) {
			at(i);
			manager.runPeriodicTasks(false);
			assertThat(manager.ticks).as("runs after %d s", i).isEqualTo(i / 9);
		}
	}

	@Test
	void raiseOnErrorPropagatesTheTasksException() {
		at(0);
		Manager manager = new Manager(NO_JITTER, this.now);
		at(60);
		assertThatIllegalStateException().isThrownBy(() -> manager.runPeriodicTasks(true)).withMessage("crash");
	}

	@Test
	void namesDefaultToTheMethodAndCanBeOverridden() {
		at(0);
		assertThat(new Named(this.now).periodicTaskNames()).containsExactlyInAnyOrder("better-name", "tack");
	}

	@Test
	void disabledAndNegativeTasksAreAbsentAndZeroMeansTheDefaultSpacing() throws Exception {
		at(0);
		Meta manager = new Meta(this.now);
		assertThat(manager.periodicTaskNames()).containsExactly("bar", "foo");
		assertThat(manager.runPeriodicTasks(false)).isEqualTo(Duration.ofSeconds(4));
	}

	@Test
	void idleIsTheDefaultSpacingAtMost() throws Exception {
		at(0);
		assertThat(new Spaced200(this.now).runPeriodicTasks(false)).isEqualTo(Duration.ofSeconds(60));
	}

	@Test
	void idleIsTheTimeToTheNextDueTask() throws Exception {
		at(1000);
		Spaced10 manager = new Spaced10(this.now);
		at(1005);
		assertThat(manager.runPeriodicTasks(false)).isEqualTo(Duration.ofSeconds(5));
		assertThat(manager.runs).isZero();
		at(1010);
		assertThat(manager.runPeriodicTasks(false)).isEqualTo(Duration.ofSeconds(10));
		assertThat(manager.runs).isOne();
	}

	@Test
	void runImmediatelyRunsOnTheFirstCall() throws Exception {
		at(1000);
		Immediate manager = new Immediate(this.now);
		assertThat(manager.runPeriodicTasks(false)).isEqualTo(Duration.ofSeconds(10));
		assertThat(manager.runs).isOne();
		at(1005);
		assertThat(manager.runPeriodicTasks(false)).isEqualTo(Duration.ofSeconds(5));
		assertThat(manager.runs).isOne();
	}

	@Test
	void externalTasksRunOnlyWhereAllowed() {
		at(0);
		assertThat(new Manager(new Settings(Duration.ofSeconds(60), false, false), this.now).periodicTaskNames())
			.doesNotContain("ext1", "ext2");
		assertThat(new Manager(NO_JITTER, this.now).periodicTaskNames()).contains("ext1", "ext2");
	}

	@Test
	void anOverridingMethodRunsNotTheBase() throws Exception {
		at(0);
		Overriding manager = new Overriding(this.now);
		assertThat(manager.periodicTaskNames()).containsExactly("work");
		at(10);
		manager.runPeriodicTasks(false);
		assertThat(manager.calls).containsExactly("override");
	}

	@Test
	void methodsWithArgumentsAreRefusedNamingClassAndMethod() {
		assertThatIllegalStateException().isThrownBy(() -> PeriodicTaskMethods.find(WithArgument.class))
			.withMessageContaining(WithArgument.class.getName() + ".work must take no arguments");
	}

	@Test
	void aDynamicTimerDrivesTheTasksOnTheSystemClock() throws InterruptedException {
		Fast fast = new Fast();
		TaskGroup group = new TaskGroup("driver");
		fast.drive(group, Duration.ofSeconds(1));
		org.awaitility.Awaitility.await().until(() -> fast.runs.get() >= 3);
		group.stop(true);
	}

	@Test
	void nearestBoundaryVectors() {
		assertThat(boundary(10L, 7, 19, 0)).isEqualTo(17);
		assertThat(boundary(13L, 7, 28, 0)).isEqualTo(27);
		assertThat(boundary(781L, 88, 1841, 0)).isEqualTo(1837);
		assertThat(boundary(null, 88, 1835, 0)).isEqualTo(1835);
		assertThat(boundary(1000L, 200, 1300, 1.0)).isEqualTo(1210);
		assertThat(boundary(1000L, 200, 1300, 0.5)).isEqualTo(1205);
	}

	private static long boundary(Long lastRunSeconds, long spacingSeconds, long nowSeconds, double random) {
		Long lastRun = (lastRunSeconds != null) ? seconds(lastRunSeconds) : null;
		return TaskSchedule.nearestBoundary(lastRun, Duration.ofSeconds(spacingSeconds), seconds(nowSeconds), random)
				/ 1_000_000_000L;
	}

	private void at(long seconds) {
		this.now.set(seconds(seconds));
	}

	private static long seconds(long seconds) {
		return seconds * 1_000_000_000L;
	}

	static class Manager extends PeriodicTasks {

		private final Map<String, Integer> counts = new ConcurrentHashMap<>();

		Manager(Settings settings, AtomicLong now) {
			super(settings, now::get, () -> 0);
		}

		int count(String name) {
			return this.counts.getOrDefault(name, 0);
		}

		private void called(String name) {
			this.counts.merge(name, 1, Integer::sum);
		}

		@PeriodicTask(spacing = "60")
		void doit() {
			called("doit");
		}

		@PeriodicTask(spacing = "60")
		void crashit() {
			called("crashit");
			throw new IllegalStateException("crash");
		}

		@PeriodicTask(spacing = "70", runImmediately = true)
		void ticks() {
			called("ticks");
		}

		@PeriodicTask(spacing = "70")
		void tocks() {
			called("tocks");
		}

		@PeriodicTask(spacing = "60")
		void urg() {
			called("urg");
		}

		@PeriodicTask(spacing = "60s", externalProcessOk = true)
		void ext1() {
			called("ext1");
		}

		@PeriodicTask(spacing = "PT70S", externalProcessOk = true)
		void ext2() {
			called("ext2");
		}

	}

	static class NineSeconds extends PeriodicTasks {

		int ticks;

		NineSeconds(AtomicLong now) {
			super(NO_JITTER, now::get, () -> 0);
		}

		@PeriodicTask(spacing = "9")
		void tick() {
			this.ticks++;
		}

	}

	static class Named extends PeriodicTasks {

		Named(AtomicLong now) {
			super(NO_JITTER, now::get, () -> 0);
		}

		@PeriodicTask(name = "better-name")
		void tick() {
		}

		@PeriodicTask
		void tack() {
		}

	}

	static class Meta extends PeriodicTasks {

		Meta(AtomicLong now) {
			super(NO_JITTER, now::get, () -> 0);
		}

		@PeriodicTask
		void foo() {
		}

		@PeriodicTask(spacing = "4")
		void bar() {
		}

		@PeriodicTask(enabled = false)
		void baz() {
		}

		@PeriodicTask(spacing = "-1")
		void never() {
		}

	}

	static class Spaced200 extends PeriodicTasks {

		Spaced200(AtomicLong now) {
			super(NO_JITTER, now::get, () -> 0);
		}

		@PeriodicTask(spacing = "200")
		void slow() {
		}

	}

	static class Spaced10 extends PeriodicTasks {

		int runs;

		Spaced10(AtomicLong now) {
			super(NO_JITTER, now::get, () -> 0);
		}

		@PeriodicTask(spacing = "10")
		void task() {
			this.runs++;
		}

	}

	static class Immediate extends PeriodicTasks {

		int runs;

		Immediate(AtomicLong now) {
			super(NO_JITTER, now::get, () -> 0);
		}

		@PeriodicTask(spacing = "10", runImmediately = true)
		void task() {
			this.runs++;
		}

	}

	static class Base extends PeriodicTasks {

		final java.util.List<String> calls = new java.util.concurrent.CopyOnWriteArrayList<>();

		Base(AtomicLong now) {
			super(NO_JITTER, now::get, () -> 0);
		}

		@PeriodicTask(spacing = "10")
		void work() {
			this.calls.add("base");
		}

	}

	static class Overriding extends Base {

		Overriding(AtomicLong now) {
			super(now);
		}

		@Override
		void work() {
			this.calls.add("override");
		}

	}

	static class Fast extends PeriodicTasks {

		final AtomicLong runs = new AtomicLong();

		@PeriodicTask(spacing = "20ms", runImmediately = true)
		void tick() {
			this.runs.incrementAndGet();
		}

	}

	static class WithArgument {

		@PeriodicTask
		void work(String argument) {
		}

	}

}
