package dev.oslo.sample.docs;

import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.ConfigMapKeySelector;
import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ContainerPort;
import io.fabric8.kubernetes.api.model.EnvVar;
import io.fabric8.kubernetes.api.model.EnvVarSource;
import io.fabric8.kubernetes.api.model.PodSpec;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.SecretKeySelector;
import org.jspecify.annotations.Nullable;

/**
 * What the API server requires of the pod template of a workload (Kubernetes'
 * {@code pkg/apis/core/validation}): containers with a unique DNS-1123 name and an image,
 * valid ports and environment variables, probes and lifecycle hooks with one handler
 * each.
 */
final class PodTemplateValidation {

	/**
	 * The API server's default {@code terminationGracePeriodSeconds}.
	 */
	static final long DEFAULT_GRACE_PERIOD_SECONDS = 30;

	private static final Set<String> PULL_POLICIES = Set.of("Always", "IfNotPresent", "Never");

	private static final Set<String> PROTOCOLS = Set.of("TCP", "UDP", "SCTP");

	private PodTemplateValidation() {
	}

	static void validate(PodTemplateSpec template, String path, FieldErrors errors) {
		if (template.getMetadata() != null) {
			DeploymentValidation.validateLabels(path + ".metadata.labels", template.getMetadata().getLabels(), errors);
		}
		PodSpec spec = template.getSpec();
		if (!errors.required(path + ".spec", spec)) {
			return;
		}
		String specPath = path + ".spec";
		if (spec.getRestartPolicy() != null && !spec.getRestartPolicy().equals("Always")) {
			errors.add(specPath + ".restartPolicy",
					"Unsupported value: \"" + spec.getRestartPolicy() + "\": supported values: \"Always\"");
		}
		errors.nonNegative(specPath + ".terminationGracePeriodSeconds", spec.getTerminationGracePeriodSeconds());
		long gracePeriod = gracePeriodSeconds(spec);
		Set<String> names = new HashSet<>();
		validateContainers(spec.getInitContainers(), specPath + ".initContainers", gracePeriod, names, errors);
		if (errors.required(specPath + ".containers", spec.getContainers())) {
			validateContainers(spec.getContainers(), specPath + ".containers", gracePeriod, names, errors);
		}
	}

	static long gracePeriodSeconds(PodSpec spec) {
		Long seconds = spec.getTerminationGracePeriodSeconds();
		return (seconds != null) ? seconds : DEFAULT_GRACE_PERIOD_SECONDS;
	}

	private static void validateContainers(@Nullable List<Container> containers, String path, long gracePeriod,
			Set<String> names, FieldErrors errors) {
		FieldErrors.eachItem(containers, path, (container, containerPath) -> {
			errors.requireValid(containerPath + ".name", container.getName(), KubernetesNames::isDns1123Label,
					"not a DNS-1123 label");
			if (container.getName() != null && !names.add(container.getName())) {
				errors.add(containerPath + ".name", "Duplicate value: \"" + container.getName() + "\"");
			}
			validateContainer(container, containerPath, gracePeriod, errors);
		});
	}

	private static void validateContainer(Container container, String path, long gracePeriod, FieldErrors errors) {
		errors.requireValid(path + ".image", container.getImage(), (image) -> image.equals(image.strip()),
				"must not have leading or trailing whitespace");
		String pullPolicy = container.getImagePullPolicy();
		if (pullPolicy != null && !PULL_POLICIES.contains(pullPolicy)) {
			errors.add(path + ".imagePullPolicy", "Unsupported value: \"" + pullPolicy + "\"");
		}
		validatePorts(container.getPorts(), path + ".ports", errors);
		validateEnv(container.getEnv(), path + ".env", errors);
		HandlerValidation.validateProbes(container, path, errors);
		HandlerValidation.validateLifecycle(container.getLifecycle(), path + ".lifecycle", gracePeriod, errors);
	}

	private static void validatePorts(@Nullable List<ContainerPort> ports, String path, FieldErrors errors) {
		Set<String> names = new HashSet<>();
		FieldErrors.eachItem(ports, path, (port, portPath) -> {
			errors.requireValid(portPath + ".containerPort", port.getContainerPort(), KubernetesNames::isPortNumber,
					"must be between 1 and 65535, inclusive");
			Integer hostPort = port.getHostPort();
			if (hostPort != null && hostPort != 0 && !KubernetesNames.isPortNumber(hostPort)) {
				errors.add(portPath + ".hostPort", "Invalid value: " + hostPort + ": must be between 1 and 65535");
			}
			String name = port.getName();
			if (name != null && !KubernetesNames.isPortName(name)) {
				errors.add(portPath + ".name",
						"Invalid value: \"" + name + "\": not a valid port name (IANA_SVC_NAME)");
			}
			if (name != null && !names.add(name)) {
				errors.add(portPath + ".name", "Duplicate value: \"" + name + "\"");
			}
			if (port.getProtocol() != null && !PROTOCOLS.contains(port.getProtocol())) {
				errors.add(portPath + ".protocol", "Unsupported value: \"" + port.getProtocol() + "\"");
			}
		});
	}

	private static void validateEnv(@Nullable List<EnvVar> env, String path, FieldErrors errors) {
		FieldErrors.eachItem(env, path, (variable, variablePath) -> {
			errors.requireValid(variablePath + ".name", variable.getName(), KubernetesNames::isEnvVarName,
					"not a valid environment variable name");
			EnvVarSource source = variable.getValueFrom();
			if (source != null && variable.getValue() != null && !variable.getValue().isEmpty()) {
				errors.add(variablePath + ".valueFrom",
						"Invalid value: \"\": may not be specified when `value` is not empty");
			}
			if (source != null) {
				validateSource(source, variablePath + ".valueFrom", errors);
			}
		});
	}

	private static void validateSource(EnvVarSource source, String path, FieldErrors errors) {
		long kinds = Stream
			.of(source.getFieldRef(), source.getResourceFieldRef(), source.getConfigMapKeyRef(),
					source.getSecretKeyRef(), source.getFileKeyRef())
			.filter(Objects::nonNull)
			.count();
		if (kinds != 1) {
			errors.add(path, "Invalid value: \"\": must specify exactly one of `fieldRef`, `resourceFieldRef`,"
					+ " `configMapKeyRef`, `secretKeyRef` or `fileKeyRef`");
		}
		ConfigMapKeySelector configMapKey = source.getConfigMapKeyRef();
		if (configMapKey != null) {
			validateKey(configMapKey.getKey(), path + ".configMapKeyRef.key", errors);
		}
		SecretKeySelector secretKey = source.getSecretKeyRef();
		if (secretKey != null) {
			validateKey(secretKey.getKey(), path + ".secretKeyRef.key", errors);
		}
	}

	private static void validateKey(@Nullable String key, String path, FieldErrors errors) {
		errors.requireValid(path, key, KubernetesNames::isConfigKey,
				"a valid config key must consist of alphanumeric characters, '-', '_' or '.'");
	}

}
