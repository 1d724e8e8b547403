package dev.oslo.service;

import org.jspecify.annotations.Nullable;

/**
 * The reloads a process has run, for observers.
 *
 * @param successes how many reloads succeeded
 * @param failures how many failed
 * @param last the most recent one, or {@code null} before the first
 * @since 0.1.0
 */
public record ReloadSnapshot(long successes, long failures, @Nullable ReloadResult last) {

	/**
	 * How many reloads ran.
	 * @return successes and failures
	 */
	public long count() {
		return this.successes + this.failures;
	}

}
