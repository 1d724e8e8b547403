/**
 * Spring Boot auto-configuration of the launcher, periodic tasks, cluster locks, systemd
 * and the Actuator support: {@code *AutoConfiguration} classes,
 * {@link OsloServiceProperties}, conditions, and the mapping of properties to the
 * engine's settings. Wiring only; what runs lives in the feature packages.
 */
@NullMarked
package dev.oslo.service.autoconfigure;

import org.jspecify.annotations.NullMarked;
