package dev.oslo.service.actuate;

import java.util.Locale;

import dev.oslo.service.Launcher;
import dev.oslo.service.ServiceState;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;

/**
 * Binds the {@code oslo.service.services} gauge: the number of launched services in each state
 * (tag {@code state}).
 */
public class LauncherMetrics implements MeterBinder {

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
			Gauge.builder("oslo.service.services", this.launcher,
					(launcher) -> launcher.snapshot().servicesByState().get(state))
				.tag("state", state.name().toLowerCase(Locale.ROOT))
				.description("Services launched by the oslo.service launcher, by state")
				.baseUnit("services")
				.register(registry);
		}
	}

}
