package dev.oslo.service.internal.boot;

import java.util.List;

import org.springframework.boot.actuate.endpoint.SanitizableData;
import org.springframework.boot.actuate.endpoint.Sanitizer;
import org.springframework.boot.actuate.endpoint.SanitizingFunction;

/**
 * The application's {@link SanitizingFunction} beans, the ones Actuator's {@code env} and
 * {@code configprops} endpoints apply, applied to the options log too.
 *
 * @since 0.1.0
 */
public final class SanitizingFunctionsSanitizer implements OptionValueSanitizer {

	private final Sanitizer sanitizer;

	/**
	 * Create the sanitizer.
	 * @param functions the functions, in order; the first that changes a value wins
	 */
	public SanitizingFunctionsSanitizer(List<SanitizingFunction> functions) {
		this.sanitizer = new Sanitizer(functions);
	}

	@Override
	public String sanitize(String key, String value) {
		return String.valueOf(this.sanitizer.sanitize(new SanitizableData(null, key, value), true));
	}

}
