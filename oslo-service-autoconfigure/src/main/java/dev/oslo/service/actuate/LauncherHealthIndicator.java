package dev.oslo.service.actuate;

import java.util.List;
import java.util.Map;

import dev.oslo.service.Launcher;
import dev.oslo.service.LauncherSnapshot;
import dev.oslo.service.ServiceState;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code launcher} health component: {@code UP} while every service runs, {@code DOWN} when
 * one failed, {@code OUT_OF_SERVICE} while the launcher is starting or stopping.
 */
public class LauncherHealthIndicator extends AbstractHealthIndicator {

	private final Launcher launcher;

	/**
	 * Create the indicator.
	 * @param launcher the launcher to report on
	 */
	public LauncherHealthIndicator(Launcher launcher) {
		super("Launcher health check failed");
		this.launcher = launcher;
	}

	@Override
	protected void doHealthCheck(Health.Builder builder) {
		LauncherSnapshot snapshot = this.launcher.snapshot();
		Map<ServiceState, Long> counts = snapshot.servicesByState();
		List<String> failed = snapshot.serviceNamesIn(ServiceState.FAILED);
		if (!failed.isEmpty() || snapshot.state() == ServiceState.FAILED) {
			builder.down().withDetail("failed", failed);
		}
		else if (counts.get(ServiceState.RUNNING) == snapshot.services().size()
				&& (snapshot.state() == ServiceState.RUNNING || snapshot.state() == ServiceState.NEW)) {
			builder.up();
		}
		else {
			builder.outOfService();
		}
		builder.withDetail("state", snapshot.state()).withDetail("services", counts);
	}

}
