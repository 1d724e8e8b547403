package dev.oslo.service.actuate;

import java.util.Locale;

import dev.oslo.service.Launcher;
import dev.oslo.service.ServiceState;
import dev.oslo.service.process.WorkerState;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Binds the {@code oslo.service.services} gauge: the number of launched services in each
 * state (tag {@code state}); for a multi-process master also the
 * {@code oslo.service.workers} gauge (worker JVMs by state) and the
 * {@code oslo.service.worker.restarts} counter (respawns of all slots).
 *
 * @since 0.1.0
 */
public class LauncherMetrics implements MeterBinder {

	private static final String MULTI_PROCESS = "multi-process";

	private final Launcher launcher;

	/**
	 * Create the binder.
	 * @param launcher the launcher to measure
	 */
	public LauncherMetrics(Launcher launcher) {
		this.launcher = launcher;
	}

	@Override
	public void bindTo(MeterRegistry registry) {
		for (ServiceState state : ServiceState.values()) {
			Gauge
				.builder("oslo.service.services", this.launcher,
						(launcher) -> launcher.snapshot().servicesByState().get(state))
				.tag("state", state.name().toLowerCase(Locale.ROOT))
				.description("Services launched by the oslo.service launcher, by state")
				.baseUnit("services")
				.register(registry);
		}
		if (!MULTI_PROCESS.equals(this.launcher.snapshot().mode())) {
			return;
		}
		for (WorkerState state : WorkerState.values()) {
			Gauge
				.builder("oslo.service.workers", this.launcher,
						(launcher) -> launcher.snapshot().workersByState().get(state))
				.tag("state", state.name().toLowerCase(Locale.ROOT))
				.description("Worker JVMs of the multi-process master, by state")
				.baseUnit("workers")
				.register(registry);
		}
		FunctionCounter
			.builder("oslo.service.worker.restarts", this.launcher, (launcher) -> launcher.snapshot().workerRestarts())
			.description("Respawns of worker JVMs after an unexpected exit")
			.register(registry);
	}

}
