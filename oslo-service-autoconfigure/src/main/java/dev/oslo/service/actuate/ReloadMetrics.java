package dev.oslo.service.actuate;

import java.util.Locale;
import java.util.concurrent.TimeUnit;

import dev.oslo.service.ReloadCoordinator;
import dev.oslo.service.ReloadOutcome;
import dev.oslo.service.ReloadSnapshot;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.FunctionTimer;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Binds the reload meters: {@code oslo.service.reloads} (counter, tag {@code outcome})
 * and {@code oslo.service.reload.duration} (timer), read from the coordinator's snapshot.
 *
 * @since 0.1.0
 */
public class ReloadMetrics implements MeterBinder {

	private final ReloadCoordinator reloads;

	/**
	 * Create the binder.
	 * @param reloads the reloads to measure
	 */
	public ReloadMetrics(ReloadCoordinator reloads) {
		this.reloads = reloads;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (ReloadOutcome outcome : ReloadOutcome.values()) {
			FunctionCounter
				.builder("oslo.service.reloads", this.reloads, (reloads) -> count(reloads.snapshot(), outcome))
				.tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
				.description("Configuration reloads (SIGHUP), by outcome")
				.register(registry);
		}
		FunctionTimer
			.builder("oslo.service.reload.duration", this.reloads, (reloads) -> reloads.snapshot().count(),
					(reloads) -> reloads.snapshot().totalDuration().toNanos(), TimeUnit.NANOSECONDS)
			.description("Time taken by configuration reloads")
			.register(registry);
	}

	private static double count(ReloadSnapshot snapshot, ReloadOutcome outcome) {
		return (outcome == ReloadOutcome.SUCCESS) ? snapshot.successes() : snapshot.failures();
	}

}
