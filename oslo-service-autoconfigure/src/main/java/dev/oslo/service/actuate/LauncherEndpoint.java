package dev.oslo.service.actuate;

import java.util.List;
import java.util.Locale;

import dev.oslo.service.Launcher;
import dev.oslo.service.LauncherSnapshot;
import dev.oslo.service.ReloadCoordinator;
import dev.oslo.service.ReloadResult;
import dev.oslo.service.ReloadSnapshot;
import dev.oslo.service.ReloadTrigger;
import dev.oslo.service.ServiceSnapshot;
import dev.oslo.service.ServiceState;
import dev.oslo.service.internal.DurationFormat;
import dev.oslo.service.process.WorkerSnapshot;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.actuate.endpoint.Access;
import org.springframework.boot.actuate.endpoint.OperationResponseBody;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.actuate.endpoint.annotation.ReadOperation;
import org.springframework.boot.actuate.endpoint.annotation.WriteOperation;

/**
 * The {@code launcher} endpoint: the launcher's mode, state and settings, the state of
 * every service it launched, and its reloads. Its write operation ({@code POST}, off
 * unless {@code management.endpoint.launcher.access=unrestricted}) asks for a reload, as
 * SIGHUP does.
 *
 * @since 0.1.0
 */
@Endpoint(id = "launcher", defaultAccess = Access.READ_ONLY)
public class LauncherEndpoint {

	private final Launcher launcher;

	private final ReloadCoordinator reloads;

	/**
	 * Create the endpoint.
	 * @param launcher the launcher to describe
	 * @param reloads the reloads to describe and to ask
	 */
	public LauncherEndpoint(Launcher launcher, ReloadCoordinator reloads) {
		this.launcher = launcher;
		this.reloads = reloads;
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
				snapshot.restartMethod().name().toLowerCase(Locale.ROOT), snapshot.services(), snapshot.workers(),
				reloads());
	}

	/**
	 * Reload, exactly as SIGHUP does (after any reload in progress), and answer once it
	 * has ended.
	 * @return the reloads, whose {@code last} is the one this request ran (or joined)
	 */
	@WriteOperation
	public ReloadsDescriptor reload() {
		this.reloads.request(ReloadTrigger.LAUNCHER_ENDPOINT).join();
		return reloads();
	}

	private ReloadsDescriptor reloads() {
		ReloadSnapshot snapshot = this.reloads.snapshot();
		ReloadResult last = snapshot.last();
		return new ReloadsDescriptor(snapshot.count(), this.reloads.rereadsConfiguration(),
				(last != null) ? LastReload.of(last) : null);
	}

	/**
	 * The launcher as the endpoint shows it.
	 *
	 * @param mode {@code in-process} or {@code multi-process}
	 * @param state the launcher's state
	 * @param pid the process id
	 * @param gracefulShutdownTimeout the timeout in force, e.g. {@code 60s}; {@code 0s}
	 * waits forever
	 * @param restartMethod {@code reload} or {@code mutate}
	 * @param services the launched services, in launch order
	 * @param reloads the configuration reloads
	 */
	public record LauncherDescriptor(String mode, ServiceState state, long pid, String gracefulShutdownTimeout,
			String restartMethod, List<ServiceSnapshot> services, List<WorkerSnapshot> workers,
			ReloadsDescriptor reloads) implements OperationResponseBody {
	}

	/**
	 * The reloads as the endpoint shows them.
	 *
	 * @param count how many reloads ran
	 * @param rereadsConfiguration whether a reload re-reads the configuration (Spring
	 * Cloud Context present) or only resets the services
	 * @param last the most recent reload, or {@code null} before the first
	 */
	public record ReloadsDescriptor(long count, boolean rereadsConfiguration,
			@Nullable LastReload last) implements OperationResponseBody {
	}

	/**
	 * The most recent reload.
	 *
	 * @param at when it began
	 * @param trigger what asked for it, e.g. {@code sighup} or {@code refresh-endpoint}
	 * @param outcome {@code success} or {@code failure}
	 * @param changedKeys the keys whose values changed
	 * @param error what went wrong, or {@code null}
	 * @param duration how long it took, e.g. {@code 140ms}
	 */
	public record LastReload(String at, String trigger, String outcome, List<String> changedKeys,
			@Nullable String error, String duration) {

		static LastReload of(ReloadResult result) {
			return new LastReload(result.at().toString(), result.trigger().tag(),
					result.outcome().name().toLowerCase(Locale.ROOT), result.changedKeys().stream().sorted().toList(),
					result.error(), DurationFormat.format(result.duration()));
		}

	}

}
