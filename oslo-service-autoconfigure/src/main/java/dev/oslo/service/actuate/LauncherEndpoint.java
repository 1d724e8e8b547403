package dev.oslo.service.actuate;

import java.util.List;
import java.util.Locale;

import dev.oslo.service.DurationFormat;
import dev.oslo.service.Launcher;
import dev.oslo.service.LauncherSnapshot;
import dev.oslo.service.ServiceSnapshot;
import dev.oslo.service.ServiceState;

import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;

/**
 * The {@code launcher} endpoint: the launcher's mode, state and settings, and the state of every
 * service it launched.
 */
@Endpoint(id = "launcher")
public class LauncherEndpoint {

	private final Launcher launcher;

	/**
	 * Create the endpoint.
	 * @param launcher the launcher to describe
	 */
	public LauncherEndpoint(Launcher launcher) {
		this.launcher = launcher;
	}

	/**
	 * Describe the launcher.
	 * @return the launcher's current state
	 */
	@ReadOperation
	public LauncherDescriptor launcher() {
		LauncherSnapshot snapshot = this.launcher.snapshot();
		return new LauncherDescriptor(snapshot.mode(), snapshot.state(), snapshot.pid(),
				DurationFormat.format(snapshot.gracefulShutdownTimeout()),
				snapshot.restartMethod().name().toLowerCase(Locale.ROOT), snapshot.services());
	}

	/**
	 * The launcher as the endpoint shows it.
	 *
	 * @param mode {@code in-process} or {@code multi-process}
	 * @param state the launcher's state
	 * @param pid the process id
	 * @param gracefulShutdownTimeout the timeout in force, e.g. {@code 60s}; {@code 0s} waits forever
	 * @param restartMethod {@code reload} or {@code mutate}
	 * @param services the launched services, in launch order
	 */
	public record LauncherDescriptor(String mode, ServiceState state, long pid, String gracefulShutdownTimeout,
			String restartMethod, List<ServiceSnapshot> services) implements OperationResponseBody {
	}

}
