/**
 * Actuator support: the {@code launcher} endpoint, the {@code launcher} health indicator
 * and meters.
 */
@NullMarked
package dev.oslo.service.actuate;

import org.jspecify.annotations.NullMarked;
