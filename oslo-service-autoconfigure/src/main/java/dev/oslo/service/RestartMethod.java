package dev.oslo.service;

/**
 * What a launcher does to its services after the configuration was re-read (oslo's
 * {@code restart_method}).
 *
 * @since 0.1.0
 */
public enum RestartMethod {

	/** Stop every service, call {@link ServiceBase#reset()}, then start it again. */
	RELOAD,

	/** Only call {@link ServiceBase#reset()}; the services keep running. */
	MUTATE

}
