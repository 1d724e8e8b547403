package dev.oslo.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import dev.oslo.service.process.WorkerIdentity;
import dev.oslo.service.process.WorkerSnapshot;
import dev.oslo.service.process.WorkerState;

/**
 * A consistent view of a launcher and its services at one moment, for observers
 * (endpoints, health, metrics) that must never drive the launcher.
 *
 * @param mode {@code in-process} or {@code multi-process}
 * @param state the launcher's own state
 * @param pid this process's id
 * @param gracefulShutdownTimeout the timeout in force; {@link Duration#ZERO} waits
 * forever
 * @param restartMethod the restart method in force
 * @param services every launched service, in launch order; none in a multi-process master
 * @param workers the worker JVMs of a multi-process master, by slot; none in process
 * @since 0.1.0
 */
public record LauncherSnapshot(String mode, ServiceState state, long pid, Duration gracefulShutdownTimeout,
		RestartMethod restartMethod, List<ServiceSnapshot> services, List<WorkerSnapshot> workers) {

	/**
	 * Copy the lists.
	 */
	public LauncherSnapshot {
		services = List.copyOf(services);
		workers = List.copyOf(workers);
	}

	/**
	 * How many services are in each state; every state is present, with zero where none
	 * is.
	 * @return counts by state, in the enum's order
	 */
	public Map<ServiceState, Long> servicesByState() {
		return countByState(ServiceState.class, this.services.stream().map(ServiceSnapshot::state).toList());
	}

	/**
	 * How many workers are in each state; every state is present, with zero where none
	 * is.
	 * @return counts by state, in the enum's order
	 */
	public Map<WorkerState, Long> workersByState() {
		return countByState(WorkerState.class, this.workers.stream().map(WorkerSnapshot::state).toList());
	}

	/**
	 * The worker slots of a multi-process master, in order; standbys have none.
	 * @return the slot ids; empty in process
	 */
	public List<Integer> workerSlots() {
		return this.workers.stream()
			.map(WorkerSnapshot::id)
			.filter((id) -> id != WorkerIdentity.STANDBY_ID)
			.distinct()
			.toList();
	}

	/**
	 * How many standbys of a multi-process master are booted and idle.
	 * @return the count; zero in process
	 */
	public long standbysReady() {
		return this.workers.stream().filter((worker) -> worker.state() == WorkerState.STANDBY).count();
	}

	/**
	 * The worker slots that have no ready worker now: starting, or waiting to be
	 * respawned.
	 * @return the slot ids, in order
	 */
	public List<Integer> slotsWithoutReadyWorker() {
		return workerSlots().stream()
			.filter((id) -> this.workers.stream()
				.noneMatch((worker) -> worker.id() == id && worker.state() == WorkerState.READY))
			.toList();
	}

	/**
	 * How many times worker slots were respawned, in all.
	 * @return the sum over slots
	 */
	public long workerRestarts() {
		return this.workers.stream()
			.collect(Collectors.toMap(WorkerSnapshot::id, WorkerSnapshot::restarts, Math::max))
			.values()
			.stream()
			.mapToLong(Integer::longValue)
			.sum();
	}

	/**
	 * The services in one state, by name.
	 * @param state the state
	 * @return the matching services' names, in launch order
	 */
	public List<String> serviceNamesIn(ServiceState state) {
		return this.services.stream().filter((s) -> s.state() == state).map(ServiceSnapshot::name).toList();
	}

	/**
	 * Whether something has failed: the launcher itself (a failed start, a master that
	 * gave up on a worker slot) or one of its services (a failed reset, restart or stop).
	 * @return {@code true} when the launcher or a service is {@link ServiceState#FAILED}
	 */
	public boolean hasFailed() {
		return this.state == ServiceState.FAILED
				|| this.services.stream().anyMatch((service) -> service.state() == ServiceState.FAILED);
	}

	/**
	 * What has not ended cleanly: services not {@code TERMINATED}, and workers still
	 * running or that did not {@link WorkerSnapshot#exitedCleanly() exit cleanly}.
	 * @return the services by name and the workers as {@code worker <id> (pid <pid>)}
	 */
	public List<String> unfinished() {
		List<String> unfinished = new ArrayList<>();
		this.services.stream()
			.filter((service) -> service.state() != ServiceState.TERMINATED)
			.forEach((service) -> unfinished.add(service.name()));
		this.workers.stream()
			.filter((worker) -> !worker.exitedCleanly())
			.forEach((worker) -> unfinished.add("worker " + worker.id() + " (pid " + worker.pid() + ")"));
		return unfinished;
	}

	private static <S extends Enum<S>> Map<S, Long> countByState(Class<S> type, List<S> states) {
		Map<S, Long> counts = new EnumMap<>(type);
		for (S state : type.getEnumConstants()) {
			counts.put(state, 0L);
		}
		counts.putAll(states.stream().collect(Collectors.groupingBy((state) -> state, Collectors.counting())));
		return counts;
	}

}
