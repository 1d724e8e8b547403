package dev.oslo.service.actuate;

import java.util.Map;
import java.util.Objects;

import dev.oslo.service.Launcher;
import dev.oslo.service.LauncherSnapshot;
import dev.oslo.service.ServiceState;

import org.springframework.boot.health.contributor.AbstractHealthIndicator;
import org.springframework.boot.health.contributor.Health;

/**
 * The {@code launcher} health component: {@code UP} while every service runs (in a
 * multi-process master: while every worker slot has a ready worker), {@code DOWN} when a
 * service failed, the master gave up, or a slot has no ready worker (it is being
 * respawned), {@code OUT_OF_SERVICE} while the launcher is starting or stopping.
 *
 * @since 0.1.0
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
		long running = Objects.requireNonNull(counts.get(ServiceState.RUNNING), "every state is counted");
		if (snapshot.hasFailed()) {
			builder.down().withDetail("failed", snapshot.serviceNamesIn(ServiceState.FAILED));
		}
		else if (!(snapshot.state() == ServiceState.RUNNING || snapshot.state() == ServiceState.NEW)
				|| running != snapshot.services().size()) {
			builder.outOfService();
		}
		else if (!snapshot.slotsWithoutReadyWorker().isEmpty()) {
			builder.down().withDetail("workersNotReady", snapshot.slotsWithoutReadyWorker());
		}
		else {
			builder.up();
		}
		builder.withDetail("state", snapshot.state()).withDetail("services", counts);
		if (!snapshot.workers().isEmpty()) {
			int slots = snapshot.workerSlots().size();
			builder.withDetail("workers", snapshot.workersByState())
				.withDetail("workersReady", (slots - snapshot.slotsWithoutReadyWorker().size()) + "/" + slots);
		}
	}

}
