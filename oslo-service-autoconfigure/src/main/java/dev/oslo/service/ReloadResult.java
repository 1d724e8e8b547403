package dev.oslo.service;

import java.time.Duration;
import java.time.Instant;
import java.util.Set;

import org.jspecify.annotations.Nullable;

/**
 * One finished reload.
 *
 * @param at when it began
 * @param trigger what asked for it (when requests coalesced, the last of them)
 * @param outcome how it ended
 * @param changedKeys the configuration keys whose values changed
 * @param error what went wrong, or {@code null}
 * @param configurationRejected whether the new configuration failed its checks, so that
 * nothing was applied and the services kept running untouched
 * @param duration how long it took
 * @since 0.1.0
 */
public record ReloadResult(Instant at, ReloadTrigger trigger, ReloadOutcome outcome, Set<String> changedKeys,
		@Nullable String error, boolean configurationRejected, Duration duration) {

	/**
	 * Copy the keys.
	 */
	public ReloadResult {
		changedKeys = Set.copyOf(changedKeys);
	}

}
