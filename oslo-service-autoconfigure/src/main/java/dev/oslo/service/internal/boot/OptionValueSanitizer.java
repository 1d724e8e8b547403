package dev.oslo.service.internal.boot;

/**
 * Masks what must not reach the log in one configuration value, after the options log's
 * own rules have run.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface OptionValueSanitizer {

	/** Leaves every value as it is. */
	OptionValueSanitizer NONE = (key, value) -> value;

	/**
	 * The value as it may be logged.
	 * @param key the property's name, e.g. {@code spring.rabbitmq.addresses}
	 * @param value its value, as the log would show it
	 * @return the value, masked where needed
	 */
	String sanitize(String key, String value);

}
