package dev.oslo.service;

/**
 * A service's {@code start()} failed. The launcher has stopped the services it had
 * started.
 *
 * @since 0.1.0
 */
public class ServiceStartException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final String serviceName;

	/**
	 * Create the exception.
	 * @param serviceName the name of the service that failed
	 * @param cause what {@code start()} threw
	 */
	public ServiceStartException(String serviceName, Throwable cause) {
		super("Service '" + serviceName + "' failed to start: " + cause, cause);
		this.serviceName = serviceName;
	}

	/**
	 * The name of the service whose {@code start()} failed.
	 * @return the service name
	 */
	public String serviceName() {
		return this.serviceName;
	}

}
