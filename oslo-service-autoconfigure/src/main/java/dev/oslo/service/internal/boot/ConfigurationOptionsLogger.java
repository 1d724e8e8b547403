package dev.oslo.service.internal.boot;

import java.beans.PropertyDescriptor;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;

import dev.oslo.service.internal.DurationFormat;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.BeanWrapper;
import org.springframework.beans.PropertyAccessorFactory;
import org.springframework.beans.factory.SmartInitializingSingleton;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.env.OriginTrackedMapPropertySource;
import org.springframework.core.env.CommandLinePropertySource;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.PropertySource;

/**
 * Logs, before the services start, every {@code oslo.service.*} value in force (defaults
 * included) and every key the application itself configured (its config files and command
 * line), with secrets masked: oslo's {@code log_options}. A value is masked whole when
 * its key names a secret; otherwise the credentials inside it (a URI's password, a
 * {@code password=} or {@code token=} parameter) are; then the given
 * {@link OptionValueSanitizer} (the application's {@code SanitizingFunction} beans) runs.
 *
 * @since 0.1.0
 */
public final class ConfigurationOptionsLogger implements SmartInitializingSingleton {

	private static final Logger logger = LoggerFactory.getLogger("dev.oslo.service.options");

	private static final Pattern SECRET = Pattern
		.compile("(?i).*(password|passwd|secret|key|token|credential|private|vcap_services).*");

	/** The password of a URI's user information: {@code amqp://user:secret@host}. */
	private static final Pattern URI_PASSWORD = Pattern.compile("([A-Za-z][A-Za-z0-9+.-]*://[^/@:\\s,]*):[^@/\\s,]*@");

	/** A secret in a URI's query or a connection string: {@code ?password=secret}. */
	private static final Pattern PARAMETER_SECRET = Pattern
		.compile("(?i)((?:password|passwd|pwd|secret|token|apikey|api-key|api_key)=)[^&;\\s,]+");

	private final String prefix;

	private final Object properties;

	private final ConfigurableEnvironment environment;

	private final OptionValueSanitizer sanitizer;

	/**
	 * Create the logger of one properties bean and the application's own keys.
	 * @param prefix the properties' prefix, e.g. {@code oslo.service}
	 * @param properties the {@code @ConfigurationProperties} JavaBean bound under it,
	 * whose values (nested beans and maps flattened) are logged in force, defaults
	 * included
	 * @param environment the application's environment
	 * @param sanitizer masks more, after the built-in rules (e.g. the application's
	 * {@code SanitizingFunction} beans)
	 */
	public ConfigurationOptionsLogger(String prefix, Object properties, ConfigurableEnvironment environment,
			OptionValueSanitizer sanitizer) {
		this.prefix = prefix;
		this.properties = properties;
		this.environment = environment;
		this.sanitizer = sanitizer;
	}

	@Override
	public void afterSingletonsInstantiated() {
		Map<String, String> options = options();
		logger.info("Configuration options ({}; oslo.service.log-options=false turns this off):", options.size());
		options.forEach((key, value) -> logger.info("  {} = {}", key, value));
	}

	Map<String, String> options() {
		Map<String, String> options = new TreeMap<>();
		for (PropertySource<?> source : this.environment.getPropertySources()) {
			if (isApplicationSource(source)) {
				for (String key : ((EnumerablePropertySource<?>) source).getPropertyNames()) {
					if (!key.startsWith(this.prefix + ".")) {
						options.putIfAbsent(key, sanitize(key, this.environment.getProperty(key)));
					}
				}
			}
		}
		flatten(this.prefix, this.properties, options);
		return options;
	}

	private static boolean isApplicationSource(PropertySource<?> source) {
		return source instanceof OriginTrackedMapPropertySource || source instanceof CommandLinePropertySource;
	}

	private void flatten(String prefix, Object bean, Map<String, String> options) {
		BeanWrapper wrapper = PropertyAccessorFactory.forBeanPropertyAccess(bean);
		for (PropertyDescriptor descriptor : wrapper.getPropertyDescriptors()) {
			String name = descriptor.getName();
			if (descriptor.getReadMethod() == null || "class".equals(name)) {
				continue;
			}
			flattenValue(prefix + "." + DataObjectPropertyName.toDashedForm(name), wrapper.getPropertyValue(name),
					options);
		}
	}

	private void flattenValue(String key, @Nullable Object value, Map<String, String> options) {
		if (value instanceof Map<?, ?> map) {
			map.forEach((name, entry) -> flattenValue(key + "." + name, entry, options));
		}
		else if (value != null && value.getClass().getName().startsWith(this.properties.getClass().getName())) {
			flatten(key, value, options);
		}
		else if (value != null) {
			options.put(key, sanitize(key, format(value)));
		}
	}

	private static String format(Object value) {
		if (value instanceof Duration duration) {
			return DurationFormat.format(duration);
		}
		if (value instanceof Enum<?> constant) {
			return constant.name().toLowerCase(Locale.ROOT);
		}
		return String.valueOf(value);
	}

	private String sanitize(String key, @Nullable Object value) {
		return this.sanitizer.sanitize(key, mask(key, value));
	}

	/**
	 * A value as it may be logged: masked whole when its key names a secret, else with
	 * the credentials inside it (a URI's password, a {@code password=} parameter) masked.
	 */
	static String mask(String key, @Nullable Object value) {
		if (SECRET.matcher(key).matches()) {
			return "******";
		}
		String text = URI_PASSWORD.matcher(String.valueOf(value)).replaceAll("$1:******@");
		return PARAMETER_SECRET.matcher(text).replaceAll("$1******");
	}

}
