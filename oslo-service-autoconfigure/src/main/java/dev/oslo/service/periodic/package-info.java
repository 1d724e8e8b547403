/**
 * Periodic tasks (oslo's {@code periodic_task}):
 * {@link dev.oslo.service.periodic.PeriodicTask} methods, and
 * {@link dev.oslo.service.periodic.PeriodicTasks} for callers that drive them themselves.
 */
@NullMarked
package dev.oslo.service.periodic;

import org.jspecify.annotations.NullMarked;
