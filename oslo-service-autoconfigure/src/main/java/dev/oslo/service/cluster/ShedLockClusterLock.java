package dev.oslo.service.cluster;

import java.time.Duration;
import java.util.Optional;

import dev.oslo.service.periodic.ClusterLock;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;

/**
 * The cluster lock of singleton periodic tasks, on any ShedLock {@link LockProvider}
 * (JDBC, Redis, ZooKeeper...). The lock's name is the task's name; ShedLock's API does
 * not tell the holder.
 *
 * @since 0.1.0
 */
public final class ShedLockClusterLock implements ClusterLock {

	private final LockProvider provider;

	/**
	 * Adapt a lock provider.
	 * @param provider the provider
	 */
	public ShedLockClusterLock(LockProvider provider) {
		this.provider = provider;
	}

	@Override
	public Optional<Held> tryLock(String name, Duration lockAtMostFor, Duration lockAtLeastFor) {
		LockConfiguration configuration = new LockConfiguration(ClockProvider.now(), name, lockAtMostFor,
				lockAtLeastFor);
		return this.provider.lock(configuration).map((lock) -> lock::unlock);
	}

}
