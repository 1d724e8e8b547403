package dev.oslo.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * One finished reload.
 *
 * @param at when it began
 * @param outcome how it ended
 * @param changedKeys the configuration keys whose values changed
 * @param error what went wrong, or {@code null}
 * @param duration how long it took
 * @since 0.1.0
 */
public record ReloadResult(Instant at, ReloadOutcome outcome, Set<String> changedKeys, @Nullable String error,
		Duration duration) {

	/**
	 * Copy the keys.
	 */
	public ReloadResult {
		changedKeys = Set.copyOf(changedKeys);
	}

}
