package dev.oslo.service;

import java.time.Duration;
import java.util.List;
import java.util.EnumMap;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * A consistent view of a launcher and its services at one moment, for observers (endpoints,
 * health, metrics) that must never drive the launcher.
 *
 * @param mode {@code in-process} or {@code multi-process}
 * @param state the launcher's own state
 * @param pid this process's id
 * @param gracefulShutdownTimeout the timeout in force; {@link Duration#ZERO} waits forever
 * @param restartMethod the restart method in force
 * @param services every launched service, in launch order
 */
public record LauncherSnapshot(String mode, ServiceState state, long pid, Duration gracefulShutdownTimeout,
		RestartMethod restartMethod, List<ServiceSnapshot> services) {

	/**
	 * Copy the service list.
	 */
	public LauncherSnapshot {
		services = List.copyOf(services);
	}

	/**
	 * How many services are in each state; every state is present, with zero where none is.
	 * @return counts by state, in the enum's order
	 */
	public Map<ServiceState, Long> servicesByState() {
		Map<ServiceState, Long> counts = new EnumMap<>(ServiceState.class);
		for (ServiceState state : ServiceState.values()) {
			counts.put(state, 0L);
		}
		counts.putAll(this.services.stream()
			.collect(Collectors.groupingBy(ServiceSnapshot::state, Collectors.counting())));
		return counts;
	}

	/**
	 * The services in one state, by name.
	 * @param state the state
	 * @return the matching services' names, in launch order
	 */
	public List<String> serviceNamesIn(ServiceState state) {
		return this.services.stream().filter((s) -> s.state() == state).map(ServiceSnapshot::name).toList();
	}

}
