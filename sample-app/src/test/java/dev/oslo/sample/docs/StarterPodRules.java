package dev.oslo.sample.docs;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

import dev.oslo.service.autoconfigure.OsloServiceProperties;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.Probe;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.convert.DurationStyle;

/**
 * What the guides promise of a pod that runs the starter (docs/howto-kubernetes.md),
 * beyond what the API server checks: a startup, a readiness and a liveness probe on the
 * Actuator health groups meant for them, probe ports that the container declares, a
 * {@code preStop} hook, and a grace period that outlasts the {@code preStop} hook plus
 * {@code oslo.service.graceful-shutdown-timeout}, so that the starter's deadline, not the
 * kubelet's SIGKILL, ends a stuck shutdown.
 */
final class StarterPodRules {

	static final String LIVENESS_PATH = "/actuator/health/liveness";

	static final String READINESS_PATH = "/actuator/health/readiness";

	private static final String TIMEOUT_PROPERTY = "oslo.service.graceful-shutdown-timeout";

	private static final String TIMEOUT_VARIABLE = "OSLO_SERVICE_GRACEFULSHUTDOWNTIMEOUT";

	private StarterPodRules() {
	}

	/**
	 * Check the containers of a pod.
	 * @param spec the pod's spec
	 * @param path the spec's path ({@code spec.template.spec})
	 * @param configuration the application properties that the guide sets
	 */
	static void validate(PodSpec spec, String path, Map<String, String> configuration, FieldErrors errors) {
		FieldErrors.eachItem(spec.getContainers(), path + ".containers", (container, containerPath) -> {
			validateProbe(container, container.getStartupProbe(), containerPath + ".startupProbe", READINESS_PATH,
					errors);
			validateProbe(container, container.getReadinessProbe(), containerPath + ".readinessProbe", READINESS_PATH,
					errors);
			validateProbe(container, container.getLivenessProbe(), containerPath + ".livenessProbe", LIVENESS_PATH,
					errors);
			validateShutdownBudget(container, PodTemplateValidation.gracePeriodSeconds(spec), path, containerPath,
					configuration, errors);
		});
	}

	private static void validateProbe(Container container, @Nullable Probe probe, String path, String healthPath,
			FieldErrors errors) {
		if (probe == null) {
			errors.add(path, "Required value: the starter's guides give every container a startup, a readiness and a"
					+ " liveness probe (docs/howto-kubernetes.md)");
			return;
		}
		HTTPGetAction httpGet = probe.getHttpGet();
		if (httpGet == null || !healthPath.equals(httpGet.getPath())) {
			errors.add(path + ".httpGet.path", "must be " + healthPath + " (docs/howto-kubernetes.md, Probes)");
		}
		else if (httpGet.getPort() != null && httpGet.getPort().getStrVal() != null
				&& !declaresPort(container, httpGet.getPort().getStrVal())) {
			errors.add(path + ".httpGet.port", "\"" + httpGet.getPort().getStrVal()
					+ "\" is not the name of one of the container's ports: the kubelet cannot resolve it");
		}
	}

	private static boolean declaresPort(Container container, String name) {
		List<ContainerPort> ports = (container.getPorts() != null) ? container.getPorts() : List.of();
		return ports.stream().anyMatch((port) -> name.equals(port.getName()));
	}

	private static void validateShutdownBudget(Container container, long gracePeriodSeconds, String specPath,
			String containerPath, Map<String, String> configuration, FieldErrors errors) {
		LifecycleHandler preStop = (container.getLifecycle() != null) ? container.getLifecycle().getPreStop() : null;
		if (preStop == null) {
			errors.add(containerPath + ".lifecycle.preStop", "Required value: a preStop sleep lets the pod leave its"
					+ " Service's endpoints before SIGTERM (docs/howto-kubernetes.md)");
		}
		long preStopSeconds = (preStop != null && preStop.getSleep() != null && preStop.getSleep().getSeconds() != null)
				? preStop.getSleep().getSeconds() : 0;
		ShutdownTimeout timeout = shutdownTimeout(container, configuration);
		if (timeout.value().isZero()) {
			errors.add(specPath + ".terminationGracePeriodSeconds", "no grace period covers " + TIMEOUT_PROPERTY
					+ "=0 (" + timeout.source() + "), which waits for the services forever");
		}
		else if (gracePeriodSeconds <= preStopSeconds + timeout.value().toSeconds()) {
			errors.add(specPath + ".terminationGracePeriodSeconds",
					gracePeriodSeconds + " must exceed the preStop sleep (" + preStopSeconds + " s) + "
							+ TIMEOUT_PROPERTY + " (" + timeout.value().toSeconds() + " s, " + timeout.source()
							+ "): the kubelet's SIGKILL would cut the starter's graceful shutdown short");
		}
	}

	/**
	 * The timeout that the container's process runs with: from its environment, its
	 * command line, the guide's configuration, or the starter's default, in that order.
	 */
	private static ShutdownTimeout shutdownTimeout(Container container, Map<String, String> configuration) {
		List<EnvVar> env = (container.getEnv() != null) ? container.getEnv() : List.of();
		for (EnvVar variable : env) {
			if (TIMEOUT_VARIABLE.equals(variable.getName()) && variable.getValue() != null) {
				return ShutdownTimeout.parse(variable.getValue(), "the container's " + TIMEOUT_VARIABLE);
			}
		}
		String option = "--" + TIMEOUT_PROPERTY + "=";
		List<String> commandLine = Stream.of(container.getCommand(), container.getArgs())
			.filter(Objects::nonNull)
			.flatMap(List::stream)
			.toList();
		for (String argument : commandLine) {
			if (argument.startsWith(option)) {
				return ShutdownTimeout.parse(argument.substring(option.length()), "the container's command line");
			}
		}
		String configured = configuration.get(TIMEOUT_PROPERTY);
		if (configured != null) {
			return ShutdownTimeout.parse(configured, "the guide's configuration");
		}
		return new ShutdownTimeout(new OsloServiceProperties().getGracefulShutdownTimeout(), "the starter's default");
	}

	private record ShutdownTimeout(Duration value, String source) {

		static ShutdownTimeout parse(String value, String source) {
			return new ShutdownTimeout(DurationStyle.detectAndParse(value, ChronoUnit.SECONDS), source);
		}

	}

}
