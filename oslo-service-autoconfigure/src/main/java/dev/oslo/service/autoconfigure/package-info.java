/**
 * Spring Boot auto-configuration of the launcher, signals and configuration properties.
 */
@NullMarked
package dev.oslo.service.autoconfigure;

import org.jspecify.annotations.NullMarked;
