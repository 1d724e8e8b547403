package dev.oslo.service.actuate;

import java.time.Duration;
import java.time.Instant;
import java.util.List;

import dev.oslo.service.LauncherSnapshot;
import dev.oslo.service.ReloadCoordinator;
import dev.oslo.service.ReloadTestSupport;
import dev.oslo.service.RestartMethod;
import dev.oslo.service.ServiceState;
import dev.oslo.service.SnapshotOnlyLauncher;
import dev.oslo.service.process.WorkerSnapshot;
import dev.oslo.service.process.WorkerState;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.Status;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What the endpoint, health and meters say about a multi-process master's workers.
 */
class WorkerObservabilityTests {

	private final MasterView master = new MasterView();

	@Test
	void healthIsUpWhileEverySlotHasAReadyWorkerEvenDuringARoll() {
		this.master.workers = List.of(worker(1, 11, WorkerState.STOPPING, 1, 0), worker(1, 21, WorkerState.READY, 2, 0),
				worker(2, 12, WorkerState.READY, 1, 0));
		Health health = new LauncherHealthIndicator(this.master).health(true);
		assertThat(health.getStatus()).isEqualTo(Status.UP);
		assertThat(health.getDetails()).containsKey("workers").containsEntry("workersReady", "2/2");
	}

	@Test
	void healthIsDownNamingTheSlotWhoseWorkerIsBeingRespawned() {
		this.master.workers = List.of(worker(1, 11, WorkerState.EXITED, 1, 2), worker(2, 12, WorkerState.READY, 1, 0));
		Health health = new LauncherHealthIndicator(this.master).health(true);
		assertThat(health.getStatus()).isEqualTo(Status.DOWN);
		assertThat(health.getDetails()).containsEntry("workersNotReady", List.of(1))
			.containsEntry("workersReady", "1/2");
	}

	@Test
	void metersCountWorkersByStateAndRespawnsOfEverySlot() {
		this.master.workers = List.of(worker(1, 11, WorkerState.STOPPING, 1, 3), worker(1, 21, WorkerState.READY, 2, 3),
				worker(2, 12, WorkerState.READY, 1, 1));
		MeterRegistry registry = new SimpleMeterRegistry();
		new LauncherMetrics(this.master).bindTo(registry);
		assertThat(registry.get("oslo.service.workers").tag("state", "ready").gauge().value()).isEqualTo(2);
		assertThat(registry.get("oslo.service.workers").tag("state", "stopping").gauge().value()).isEqualTo(1);
		assertThat(registry.get("oslo.service.worker.restarts").functionCounter().count()).isEqualTo(4);
	}

	@Test
	void theEndpointListsTheWorkersAndNoService() {
		this.master.workers = List.of(worker(1, 11, WorkerState.READY, 1, 0));
		LauncherEndpoint.LauncherDescriptor descriptor = new LauncherEndpoint(this.master,
				ReloadTestSupport.ready(this.master, null))
			.launcher();
		assertThat(descriptor.mode()).isEqualTo("multi-process");
		assertThat(descriptor.services()).isEmpty();
		assertThat(descriptor.workers()).extracting(WorkerSnapshot::pid).containsExactly(11L);
	}

	private static WorkerSnapshot worker(int id, long pid, WorkerState state, int generation, int restarts) {
		return new WorkerSnapshot(id, pid, state, generation, restarts, Instant.EPOCH,
				(state == WorkerState.READY) ? Instant.EPOCH : null, (state == WorkerState.EXITED) ? 1 : null, false);
	}

	/**
	 * A master as observers see it: only its snapshot.
	 */
	private static final class MasterView extends SnapshotOnlyLauncher {

		private List<WorkerSnapshot> workers = List.of();

		@Override
		public LauncherSnapshot snapshot() {
			return new LauncherSnapshot("multi-process", ServiceState.RUNNING, 1, Duration.ofSeconds(60),
					RestartMethod.RELOAD, List.of(), this.workers);
		}

	}

}
