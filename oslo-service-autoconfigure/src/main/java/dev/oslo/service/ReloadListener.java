package dev.oslo.service;

/**
 * Told about each configuration reload that a {@link ReloadCoordinator} runs, on its
 * reload thread: e.g. to apply settings the services do not own, or to tell a service
 * manager.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ReloadListener {

	/**
	 * A reload begins: nothing has been re-read or restarted yet.
	 * @param trigger what asked for it
	 */
	default void reloadStarting(ReloadTrigger trigger) {
	}

	/**
	 * A reload has ended, applied or not.
	 * @param result how it went
	 */
	void reloadFinished(ReloadResult result);

}
