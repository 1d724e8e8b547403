package dev.oslo.service;

import java.time.Duration;

/**
 * Writes durations the way Spring Boot properties spell them: {@code 60s}, {@code 1500ms}.
 */
public final class DurationFormat {

	private DurationFormat() {
	}

	/**
	 * Format a duration in whole seconds where it has no millisecond part, in milliseconds
	 * otherwise.
	 * @param duration the duration
	 * @return e.g. {@code 60s}, {@code 250ms}, {@code 0s}
	 */
	public static String format(Duration duration) {
		return (duration.toMillisPart() == 0) ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
	}

}
