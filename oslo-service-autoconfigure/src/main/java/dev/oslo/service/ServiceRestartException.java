package dev.oslo.service;

import java.util.List;

/**
 * One or more services failed to reset or restart after a configuration reload. They are
 * {@link ServiceState#FAILED}; the others were reset or restarted and keep running.
 *
 * @since 0.1.0
 */
public class ServiceRestartException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final List<String> serviceNames;

	/**
	 * Create the exception.
	 * @param serviceNames the services that failed
	 */
	public ServiceRestartException(List<String> serviceNames) {
		super("Services failed to reset or restart: " + serviceNames);
		this.serviceNames = List.copyOf(serviceNames);
	}

	/**
	 * The services that failed.
	 * @return their names, in launch order
	 */
	public List<String> serviceNames() {
		return this.serviceNames;
	}

}
