package dev.oslo.sample.docs;

import java.util.Objects;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.ExecAction;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.Lifecycle;
import io.fabric8.kubernetes.api.model.LifecycleHandler;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.SleepAction;
import io.fabric8.kubernetes.api.model.TCPSocketAction;
import org.jspecify.annotations.Nullable;

/**
 * What the API server requires of a container's probes and lifecycle hooks: exactly one
 * handler each, valid ports, non-negative timings, a success threshold of 1 for liveness
 * and startup probes, and a {@code preStop} sleep shorter than the grace period.
 */
final class HandlerValidation {

	private HandlerValidation() {
	}

	static void validateProbes(Container container, String path, FieldErrors errors) {
		validateProbe(container.getLivenessProbe(), path + ".livenessProbe", true, errors);
		validateProbe(container.getReadinessProbe(), path + ".readinessProbe", false, errors);
		validateProbe(container.getStartupProbe(), path + ".startupProbe", true, errors);
	}

	static void validateLifecycle(@Nullable Lifecycle lifecycle, String path, long gracePeriodSeconds,
			FieldErrors errors) {
		if (lifecycle != null) {
			validateHook(lifecycle.getPostStart(), path + ".postStart", gracePeriodSeconds, errors);
			validateHook(lifecycle.getPreStop(), path + ".preStop", gracePeriodSeconds, errors);
		}
	}

	/**
	 * A port by number, or by the name of one of the container's ports.
	 */
	static void validatePort(@Nullable IntOrString port, String path, FieldErrors errors) {
		if (!errors.required(path, port)) {
			return;
		}
		if (port.getIntVal() != null) {
			if (!KubernetesNames.isPortNumber(port.getIntVal())) {
				errors.add(path, "Invalid value: " + port.getIntVal() + ": must be between 1 and 65535, inclusive");
			}
		}
		else if (port.getStrVal() == null || !KubernetesNames.isPortName(port.getStrVal())) {
			errors.add(path, "Invalid value: \"" + port.getStrVal() + "\": not a port number or a valid port name");
		}
	}

	private static void validateProbe(@Nullable Probe probe, String path, boolean successThresholdMustBeOne,
			FieldErrors errors) {
		if (probe == null) {
			return;
		}
		validateHandler(path, probe.getExec(), probe.getHttpGet(), probe.getTcpSocket(), probe.getGrpc(), errors);
		if (probe.getGrpc() != null
				&& (probe.getGrpc().getPort() == null || !KubernetesNames.isPortNumber(probe.getGrpc().getPort()))) {
			errors.add(path + ".grpc.port",
					"Invalid value: " + probe.getGrpc().getPort() + ": must be between 1 and 65535, inclusive");
		}
		errors.nonNegative(path + ".initialDelaySeconds", probe.getInitialDelaySeconds());
		errors.nonNegative(path + ".timeoutSeconds", probe.getTimeoutSeconds());
		errors.nonNegative(path + ".periodSeconds", probe.getPeriodSeconds());
		errors.nonNegative(path + ".successThreshold", probe.getSuccessThreshold());
		errors.nonNegative(path + ".failureThreshold", probe.getFailureThreshold());
		Integer successThreshold = probe.getSuccessThreshold();
		if (successThresholdMustBeOne && successThreshold != null && successThreshold != 1) {
			errors.add(path + ".successThreshold", "Invalid value: " + successThreshold + ": must be 1");
		}
		Long gracePeriod = probe.getTerminationGracePeriodSeconds();
		if (gracePeriod != null && gracePeriod <= 0) {
			errors.add(path + ".terminationGracePeriodSeconds",
					"Invalid value: " + gracePeriod + ": must be greater than 0");
		}
	}

	private static void validateHook(@Nullable LifecycleHandler hook, String path, long gracePeriodSeconds,
			FieldErrors errors) {
		if (hook == null) {
			return;
		}
		validateHandler(path, hook.getExec(), hook.getHttpGet(), hook.getTcpSocket(), hook.getSleep(), errors);
		SleepAction sleep = hook.getSleep();
		if (sleep != null && errors.required(path + ".sleep.seconds", sleep.getSeconds())) {
			long seconds = sleep.getSeconds();
			if (seconds <= 0) {
				errors.add(path + ".sleep.seconds", "Invalid value: " + seconds + ": must be greater than 0");
			}
			else if (seconds > gracePeriodSeconds) {
				errors.add(path + ".sleep.seconds",
						"Invalid value: " + seconds + ": must be less than terminationGracePeriodSeconds");
			}
		}
	}

	/**
	 * One handler of the three that probes and hooks share, or of the fourth of each kind
	 * ({@code grpc} for a probe, {@code sleep} for a hook), and the shared ones valid.
	 */
	private static void validateHandler(String path, @Nullable ExecAction exec, @Nullable HTTPGetAction httpGet,
			@Nullable TCPSocketAction tcpSocket, @Nullable Object fourth, FieldErrors errors) {
		long count = Stream.of(exec, httpGet, tcpSocket, fourth).filter(Objects::nonNull).count();
		if (count == 0) {
			errors.add(path, "Required value: must specify a handler type");
		}
		else if (count > 1) {
			errors.add(path, "Forbidden: may not specify more than 1 handler type");
		}
		validateExec(exec, path + ".exec", errors);
		validateHttpGet(httpGet, path + ".httpGet", errors);
		validateTcpSocket(tcpSocket, path + ".tcpSocket", errors);
	}

	private static void validateExec(@Nullable ExecAction exec, String path, FieldErrors errors) {
		if (exec != null) {
			errors.required(path + ".command", exec.getCommand());
		}
	}

	private static void validateHttpGet(@Nullable HTTPGetAction httpGet, String path, FieldErrors errors) {
		if (httpGet == null) {
			return;
		}
		validatePort(httpGet.getPort(), path + ".port", errors);
		String scheme = httpGet.getScheme();
		if (scheme != null && !scheme.equals("HTTP") && !scheme.equals("HTTPS")) {
			errors.add(path + ".scheme",
					"Unsupported value: \"" + scheme + "\": supported values: \"HTTP\", \"HTTPS\"");
		}
	}

	private static void validateTcpSocket(@Nullable TCPSocketAction tcpSocket, String path, FieldErrors errors) {
		if (tcpSocket != null) {
			validatePort(tcpSocket.getPort(), path + ".port", errors);
		}
	}

}
