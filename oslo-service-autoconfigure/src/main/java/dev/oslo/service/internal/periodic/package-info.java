/**
 * Not API: {@code @PeriodicTask} methods in a Spring application context. The bean
 * post-processor that finds them, the threads that run them, the lifecycle that schedules
 * them once the services have started, and the reload listener that reschedules them.
 * Public only for the auto-configuration.
 */
@NullMarked
package dev.oslo.service.internal.periodic;

import org.jspecify.annotations.NullMarked;
