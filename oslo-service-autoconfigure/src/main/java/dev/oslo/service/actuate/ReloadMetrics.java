package dev.oslo.service.actuate;

import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import dev.oslo.service.ReloadListener;
import dev.oslo.service.ReloadOutcome;
import dev.oslo.service.ReloadResult;
import dev.oslo.service.ReloadTrigger;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import org.jspecify.annotations.Nullable;

/**
 * The reload meters: {@code oslo.service.reloads} (counter, tags {@code outcome} and
 * {@code trigger}, every pair registered at zero so that a first failure shows as an
 * increase) and {@code oslo.service.reload.duration} (timer). As a
 * {@link ReloadListener}, it counts and times each reload when it ends.
 *
 * @since 0.1.0
 */
public class ReloadMetrics implements MeterBinder, ReloadListener {

	private final Map<Key, Counter> counters = new ConcurrentHashMap<>();

	private volatile @Nullable Timer duration;

	@Override
	public void bindTo(MeterRegistry registry) {
		for (ReloadOutcome outcome : ReloadOutcome.values()) {
			for (ReloadTrigger trigger : ReloadTrigger.values()) {
				this.counters.put(new Key(outcome, trigger),
						Counter.builder("oslo.service.reloads")
							.tag("outcome", outcome.name().toLowerCase(Locale.ROOT))
							.tag("trigger", trigger.tag())
							.description("Configuration reloads, by outcome and by what asked for them")
							.register(registry));
			}
		}
		this.duration = Timer.builder("oslo.service.reload.duration")
			.description("Time taken by configuration reloads")
			.register(registry);
	}

	@Override
	public void reloadFinished(ReloadResult result) {
		Counter counter = this.counters.get(new Key(result.outcome(), result.trigger()));
		if (counter != null) {
			counter.increment();
		}
		Timer timer = this.duration;
		if (timer != null) {
			timer.record(result.duration());
		}
	}

	private record Key(ReloadOutcome outcome, ReloadTrigger trigger) {
	}

}
