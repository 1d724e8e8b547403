/**
 * Not API: the launcher inside a Spring Boot application. The lifecycles that launch the
 * service beans (or the worker JVMs) when the context starts and stop them when it
 * closes, the listener that tells the {@link dev.oslo.service.LauncherRuntime} the
 * application is ready or stopping, liveness, the worker's environment and the options
 * log. Public only for the auto-configuration.
 */
@NullMarked
package dev.oslo.service.internal.boot;

import org.jspecify.annotations.NullMarked;
