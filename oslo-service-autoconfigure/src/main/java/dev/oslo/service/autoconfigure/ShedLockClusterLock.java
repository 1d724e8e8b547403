package dev.oslo.service.autoconfigure;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Function;

import dev.oslo.service.periodic.ClusterLock;
import net.javacrumbs.shedlock.core.ClockProvider;
import net.javacrumbs.shedlock.core.LockConfiguration;
import net.javacrumbs.shedlock.core.LockProvider;

/**
 * The cluster lock of singleton periodic tasks, on any ShedLock {@link LockProvider} (JDBC, Redis,
 * ZooKeeper...). The lock's name is the task's name.
 */
final class ShedLockClusterLock implements ClusterLock {

	private final LockProvider provider;

	private final Function<String, Optional<String>> holders;

	/**
	 * Adapt a lock provider.
	 * @param provider the provider
	 * @param holders who holds a lock, where the provider's store can tell
	 */
	ShedLockClusterLock(LockProvider provider, Function<String, Optional<String>> holders) {
		this.provider = provider;
		this.holders = holders;
	}

	@Override
	public Optional<Held> tryLock(String name, Duration lockAtMostFor, Duration lockAtLeastFor) {
		LockConfiguration configuration = new LockConfiguration(ClockProvider.now(), name, lockAtMostFor,
				lockAtLeastFor);
		return this.provider.lock(configuration).map((lock) -> lock::unlock);
	}

	@Override
	public Optional<String> holder(String name) {
		return this.holders.apply(name);
	}

}
