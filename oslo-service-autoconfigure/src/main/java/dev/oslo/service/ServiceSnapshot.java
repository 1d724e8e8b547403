package dev.oslo.service;

import java.time.Instant;

import org.jspecify.annotations.Nullable;

/**
 * What one launched service looks like at one moment.
 *
 * @param name the name it was launched under (the bean name in a Spring application)
 * @param type the service's class name
 * @param state its lifecycle state
 * @param startedAt when its {@code start()} returned, or {@code null} if it has not
 * @param lastError the last failure of {@code start()} or {@code stop()}, or {@code null}
 * @since 0.1.0
 */
public record ServiceSnapshot(String name, String type, ServiceState state, @Nullable Instant startedAt,
		@Nullable String lastError) {
}
