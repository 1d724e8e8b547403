package dev.oslo.service.periodic;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.concurrent.atomic.AtomicReference;

import org.junit.jupiter.api.Test;

import org.springframework.scheduling.support.SimpleTriggerContext;

import static org.assertj.core.api.Assertions.assertThat;

class PeriodicTaskTriggerTests {

	private static final Instant START = Instant.parse("2026-11-28T00:00:00Z");

	private final AtomicReference<TaskSettings> settings = new AtomicReference<>(
			new TaskSettings(Duration.ofSeconds(10), false));

	@Test
	void firstRunComesOneSpacingAfterTheStart() {
		PeriodicTaskTrigger trigger = new PeriodicTaskTrigger(this.settings::get, () -> 0, null);
		assertThat(trigger.nextExecution(context(START, null, null))).isEqualTo(START.plusSeconds(10));
		assertThat(trigger.next()).isEqualTo(START.plusSeconds(10));
	}

	@Test
	void runImmediatelyRunsAtOnce() {
		this.settings.set(new TaskSettings(Duration.ofSeconds(10), true));
		PeriodicTaskTrigger trigger = new PeriodicTaskTrigger(this.settings::get, () -> 0, null);
		assertThat(trigger.nextExecution(context(START, null, null))).isEqualTo(START);
	}

	@Test
	void runsStayOnTheGridWithoutDrift() {
		PeriodicTaskTrigger trigger = new PeriodicTaskTrigger(this.settings::get, () -> 0, null);
		Instant run = trigger.nextExecution(context(START, null, null));
		for (int i = 2; i <= 100; i++) {
			Instant completion = run.plusMillis(1500);
			run = trigger.nextExecution(context(completion, run, completion));
			assertThat(run).isEqualTo(START.plusSeconds(10L * i));
		}
	}

	@Test
	void anOverrunMovesTheNextRunToTheNextGridPointWithoutABurst() {
		PeriodicTaskTrigger trigger = new PeriodicTaskTrigger(this.settings::get, () -> 0, null);
		Instant first = trigger.nextExecution(context(START, null, null));
		Instant completion = first.plusSeconds(25);
		assertThat(trigger.nextExecution(context(completion, first, completion))).isEqualTo(first.plusSeconds(30));
	}

	@Test
	void theSpacingIsReadAtEveryDecision() {
		PeriodicTaskTrigger trigger = new PeriodicTaskTrigger(this.settings::get, () -> 0, null);
		Instant first = trigger.nextExecution(context(START, null, null));
		this.settings.set(new TaskSettings(Duration.ofSeconds(3), false));
		Instant completion = first.plusMillis(100);
		assertThat(trigger.nextExecution(context(completion, first, completion))).isEqualTo(first.plusSeconds(3));
	}

	@Test
	void aDisabledTaskIsNotScheduled() {
		this.settings.set(new TaskSettings(null, false));
		PeriodicTaskTrigger trigger = new PeriodicTaskTrigger(this.settings::get, () -> 0, null);
		assertThat(trigger.nextExecution(context(START, null, null))).isNull();
		assertThat(trigger.next()).isNull();
	}

	@Test
	void jitterAddsAtMostFivePercentWithoutMovingTheGrid() {
		PeriodicTaskTrigger trigger = new PeriodicTaskTrigger(this.settings::get, () -> 1.0, null);
		Instant first = trigger.nextExecution(context(START, null, null));
		assertThat(first).isEqualTo(START.plusMillis(10_500));
		Instant second = trigger.nextExecution(context(first.plusMillis(10), first, first.plusMillis(10)));
		assertThat(second).isEqualTo(START.plusMillis(20_500));
	}

	@Test
	void aRescheduledTaskContinuesFromItsLastRun() {
		PeriodicTaskTrigger trigger = new PeriodicTaskTrigger(this.settings::get, () -> 0, START.plusSeconds(4));
		assertThat(trigger.nextExecution(context(START.plusSeconds(5), null, null))).isEqualTo(START.plusSeconds(14));
		PeriodicTaskTrigger overdue = new PeriodicTaskTrigger(this.settings::get, () -> 0, START);
		assertThat(overdue.nextExecution(context(START.plusSeconds(60), null, null))).isEqualTo(START.plusSeconds(60));
	}

	private static SimpleTriggerContext context(Instant now, Instant lastScheduled, Instant lastCompletion) {
		SimpleTriggerContext context = new SimpleTriggerContext(Clock.fixed(now, ZoneOffset.UTC));
		context.update(lastScheduled, lastScheduled, lastCompletion);
		return context;
	}

}
