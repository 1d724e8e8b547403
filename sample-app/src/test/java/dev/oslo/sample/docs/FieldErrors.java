package dev.oslo.sample.docs;

import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.function.BiConsumer;
import java.util.function.Predicate;

import org.jspecify.annotations.Nullable;

/**
 * The errors found in one object, each as the API server words them: the field's path,
 * then what is wrong ({@code spec.selector: Required value}).
 */
final class FieldErrors {

	private final List<String> errors = new ArrayList<>();

	void add(String path, String message) {
		this.errors.add(path + ": " + message);
	}

	/**
	 * Report a missing or empty value.
	 * @return whether the value is there
	 */
	boolean required(String path, @Nullable Object value) {
		boolean present = value != null && !(value instanceof String text && text.isBlank())
				&& !(value instanceof Collection<?> collection && collection.isEmpty())
				&& !(value instanceof Map<?, ?> map && map.isEmpty());
		if (!present) {
			add(path, "Required value");
		}
		return present;
	}

	/**
	 * Report a missing value, or one that does not meet a rule.
	 * @param rule what a valid value is, as the error says it ({@code must be between 1
	 * and 65535, inclusive})
	 */
	<T> void requireValid(String path, @Nullable T value, Predicate<T> valid, String rule) {
		if (required(path, value) && !valid.test(value)) {
			add(path, "Invalid value: " + ((value instanceof String) ? "\"" + value + "\"" : value) + ": " + rule);
		}
	}

	void nonNegative(String path, @Nullable Number value) {
		if (value != null && value.longValue() < 0) {
			add(path, "Invalid value: " + value + ": must be greater than or equal to 0");
		}
	}

	void addAll(Collection<String> errors) {
		this.errors.addAll(errors);
	}

	/**
	 * Check each item of a list under its own path ({@code ports[0]},
	 * {@code ports[1]}...).
	 */
	static <T> void eachItem(@Nullable List<T> items, String path, BiConsumer<T, String> check) {
		for (int i = 0; items != null && i < items.size(); i++) {
			check.accept(items.get(i), path + "[" + i + "]");
		}
	}

	List<String> list() {
		return List.copyOf(this.errors);
	}

}
