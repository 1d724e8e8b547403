package dev.oslo.service.internal;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads and writes durations the way Spring Boot properties spell them ({@code 60s},
 * {@code 1500ms}, {@code PT1M}), without depending on Spring Boot, so that the engine
 * packages work from a plain {@code main}.
 *
 * @since 0.1.0
 */
public final class DurationFormat {

	private static final Pattern SIMPLE = Pattern.compile("^([+-]?\\d+)([a-zA-Z]{0,2})$");

	private static final Map<String, ChronoUnit> UNITS = Map.of("ns", ChronoUnit.NANOS, "us", ChronoUnit.MICROS, "ms",
			ChronoUnit.MILLIS, "s", ChronoUnit.SECONDS, "m", ChronoUnit.MINUTES, "h", ChronoUnit.HOURS, "d",
			ChronoUnit.DAYS);

	private DurationFormat() {
	}

	/**
	 * Format a duration as a Spring Boot property would spell it: in whole seconds where
	 * it has no millisecond part, in milliseconds otherwise, and in microseconds (or
	 * nanoseconds) below a millisecond, so that a short run never reads as zero. Smaller
	 * parts are dropped: {@code 12.7ms} is {@code 12ms}.
	 * @param duration the duration
	 * @return e.g. {@code 60s}, {@code 3600s}, {@code 1500ms}, {@code 12ms},
	 * {@code 400us}, {@code 0s}
	 */
	public static String format(Duration duration) {
		if (duration.toMillis() != 0 || duration.isZero()) {
			return (duration.toMillisPart() == 0) ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
		}
		long nanos = duration.toNanos();
		return (Math.abs(nanos) >= 1000) ? (nanos / 1000) + "us" : nanos + "ns";
	}

	/**
	 * Parse a duration as Spring Boot's {@code DurationStyle.detectAndParse} does: a
	 * number with one of the units {@code ns us ms s m h d}, a bare number in
	 * {@code defaultUnit}, or ISO-8601 ({@code PT1M}).
	 * @param text the text
	 * @param defaultUnit the unit of a bare number
	 * @return the duration
	 * @throws IllegalArgumentException if the text is none of those
	 */
	public static Duration parse(String text, ChronoUnit defaultUnit) {
		String trimmed = text.trim();
		Matcher simple = SIMPLE.matcher(trimmed);
		try {
			if (simple.matches()) {
				String suffix = simple.group(2).toLowerCase(Locale.ROOT);
				ChronoUnit unit = suffix.isEmpty() ? defaultUnit : UNITS.get(suffix);
				if (unit == null) {
					throw new IllegalArgumentException(
							"'" + text + "' has an unknown unit '" + suffix + "' (one of ns, us, ms, s, m, h, d)");
				}
				return Duration.of(Long.parseLong(simple.group(1)), unit);
			}
			return Duration.parse(trimmed);
		}
		catch (DateTimeParseException | ArithmeticException ex) {
			throw new IllegalArgumentException("'" + text + "' is not a valid duration", ex);
		}
	}

}
