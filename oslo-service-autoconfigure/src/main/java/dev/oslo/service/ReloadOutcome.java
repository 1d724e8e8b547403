package dev.oslo.service;

/**
 * How a reload ended.
 *
 * @since 0.1.0
 */
public enum ReloadOutcome {

	/**
	 * The configuration was applied and every service reset (and restarted, with
	 * {@code reload}).
	 */
	SUCCESS,

	/**
	 * The new configuration was invalid and not applied, or a service failed to reset or
	 * restart.
	 */
	FAILURE

}
