package dev.oslo.service;

import java.time.Duration;
import java.util.List;

import org.jspecify.annotations.Nullable;

/**
 * Reload coordinators for tests outside this package, which cannot reach the
 * package-private parts of {@link ReloadCoordinator} that the {@link LauncherRuntime}
 * drives.
 */
public final class ReloadTestSupport {

	private ReloadTestSupport() {
	}

	/**
	 * A coordinator whose services have started, so that requests run at once.
	 * @param launcher the launcher whose services are restarted
	 * @param refresher re-reads the configuration, or {@code null}
	 * @param listeners told about every reload
	 * @return the coordinator
	 */
	public static ReloadCoordinator ready(Launcher launcher, @Nullable ConfigurationRefresher refresher,
			ReloadListener... listeners) {
		ReloadCoordinator reloads = new ReloadCoordinator(launcher, refresher, () -> List.of(listeners));
		reloads.markReady();
		return reloads;
	}

	/**
	 * Wait until no reload runs or is pending.
	 * @param reloads the coordinator
	 * @param timeout how long to wait
	 * @return whether it became idle in time
	 * @throws InterruptedException if interrupted
	 */
	public static boolean awaitIdle(ReloadCoordinator reloads, Duration timeout) throws InterruptedException {
		return reloads.awaitIdle(timeout);
	}

	/**
	 * Stop the coordinator taking requests, as a shutdown does.
	 * @param reloads the coordinator
	 */
	public static void close(ReloadCoordinator reloads) {
		reloads.close();
	}

}
