package dev.oslo.service.periodic;

import java.time.Duration;
import java.util.Optional;

/**
 * A lock shared by every replica of an application, taken before each run of a
 * cluster-singleton periodic task, so that the run happens on one replica only. The
 * starter adapts ShedLock's {@code LockProvider} to it; the engine knows no lock library.
 *
 * @since 0.1.0
 */
public interface ClusterLock {

	/**
	 * No lock: every attempt fails, naming the fix.
	 */
	ClusterLock NONE = (name, atMost, atLeast) -> {
		throw new IllegalStateException("No cluster lock is configured for periodic task '" + name + "'");
	};

	/**
	 * Get ready for the first lock, at start-up, when a task is a cluster singleton: e.g.
	 * check that the store's table exists, or create it. A store that cannot be reached
	 * is no failure here; the lock attempts report it.
	 * @throws IllegalStateException when the store answers but cannot hold the locks,
	 * naming the fix
	 */
	default void prepare() {
	}

	/**
	 * Take the lock named {@code name} if no one holds it.
	 * @param name the lock's name, the task's name
	 * @param lockAtMostFor when the lock expires if never released (its holder died)
	 * @param lockAtLeastFor how long the lock stays held however soon it is released
	 * @return the held lock, or empty when another replica holds it
	 * @throws RuntimeException when the lock's store cannot be reached
	 */
	Optional<Held> tryLock(String name, Duration lockAtMostFor, Duration lockAtLeastFor);

	/**
	 * Who holds the lock now, where the store tells (e.g. {@code host:pid}).
	 * @param name the lock's name
	 * @return the holder, or empty when unknown
	 */
	default Optional<String> holder(String name) {
		return Optional.empty();
	}

	/**
	 * How this replica appears as a holder, where the store tells; the holder of a lock
	 * it has just taken, with no need to ask the store.
	 * @return this replica's holder name, or empty when unknown
	 */
	default Optional<String> self() {
		return Optional.empty();
	}

	/**
	 * A lock this replica holds.
	 */
	@FunctionalInterface
	interface Held {

		/**
		 * Release the lock; it stays held until its {@code lockAtLeastFor} has passed.
		 */
		void unlock();

	}

}
