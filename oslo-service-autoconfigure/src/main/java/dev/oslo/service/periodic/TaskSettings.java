package dev.oslo.service.periodic;

import java.time.Duration;

import org.jspecify.annotations.Nullable;

/**
 * How one periodic task runs now: its spacing ({@code null} when it is disabled) and whether its
 * first run is immediate. Read again at every scheduling decision, so that a reload takes effect.
 *
 * @param spacing the time between runs, or {@code null} if the task is disabled
 * @param runImmediately whether the first run is at once
 */
public record TaskSettings(@Nullable Duration spacing, boolean runImmediately) {
}
