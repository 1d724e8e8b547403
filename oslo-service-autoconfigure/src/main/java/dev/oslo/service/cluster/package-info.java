/**
 * Cluster locks for {@code @PeriodicTask(clusterSingleton = true)} tasks, on ShedLock:
 * any {@code LockProvider}, or ShedLock's JDBC provider on database time. Usable from a
 * plain {@code main} as from the auto-configuration; the scheduler sees only the narrow
 * {@link dev.oslo.service.periodic.ClusterLock} interface.
 */
@NullMarked
package dev.oslo.service.cluster;

import org.jspecify.annotations.NullMarked;
