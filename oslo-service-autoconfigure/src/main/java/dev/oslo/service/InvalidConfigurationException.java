package dev.oslo.service;

/**
 * A re-read configuration failed its checks and was not applied.
 *
 * @since 0.1.0
 */
public class InvalidConfigurationException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception.
	 * @param message what is invalid: the property, the value and why
	 */
	public InvalidConfigurationException(String message) {
		super(message);
	}

	/**
	 * Create the exception.
	 * @param message what is invalid: the property, the value and why
	 * @param cause the underlying failure
	 */
	public InvalidConfigurationException(String message, Throwable cause) {
		super(message, cause);
	}

}
