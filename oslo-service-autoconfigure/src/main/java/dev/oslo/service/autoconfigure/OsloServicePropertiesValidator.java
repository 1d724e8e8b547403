package dev.oslo.service.autoconfigure;

import java.time.Duration;
import java.util.function.BooleanSupplier;

import dev.oslo.service.internal.DurationFormat;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationPropertiesBindHandlerAdvisor;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.validation.Errors;
import org.springframework.validation.Validator;

/**
 * Checks {@link OsloServiceProperties} as they are bound, at start-up and on every reload (the
 * reload's check of the refreshed environment applies the same bind handler advisors): values out
 * of range, values that contradict each other, and a cluster-singleton task in an application
 * without a cluster lock. Each error names the property and the value as written.
 */
final class OsloServicePropertiesValidator implements Validator {

	private static final String PREFIX = "oslo.service.";

	private final BooleanSupplier clusterLockAvailable;

	/**
	 * Create the validator.
	 * @param clusterLockAvailable whether the application has a cluster lock; asked only when a
	 * task is made a cluster singleton by configuration
	 */
	OsloServicePropertiesValidator(BooleanSupplier clusterLockAvailable) {
		this.clusterLockAvailable = clusterLockAvailable;
	}

	/**
	 * The advisor that applies this validator wherever {@code @ConfigurationProperties} are bound.
	 * @return the advisor
	 */
	ConfigurationPropertiesBindHandlerAdvisor advisor() {
		return (handler) -> new ValidationBindHandler(handler, this);
	}

	@Override
	public boolean supports(Class<?> type) {
		return OsloServiceProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		OsloServiceProperties properties = (OsloServiceProperties) target;
		if (properties.getGracefulShutdownTimeout().isNegative()) {
			errors.rejectValue("gracefulShutdownTimeout", PREFIX + "graceful-shutdown-timeout",
					"must be 0 (wait forever) or positive");
		}
		if (properties.getWorkers() < 1) {
			errors.rejectValue("workers", PREFIX + "workers", "must be at least 1");
		}
		validateWorker(properties.getWorker(), errors);
		validatePeriodic(properties.getPeriodic(), errors);
	}

	private static void validateWorker(OsloServiceProperties.Worker worker, Errors errors) {
		requirePositive(errors, "worker.bootTimeout", "worker.boot-timeout", worker.getBootTimeout());
		requirePositive(errors, "worker.respawnDelay", "worker.respawn-delay", worker.getRespawnDelay());
		requirePositive(errors, "worker.maxRespawnDelay", "worker.max-respawn-delay", worker.getMaxRespawnDelay());
		requirePositive(errors, "worker.respawnResetAfter", "worker.respawn-reset-after",
				worker.getRespawnResetAfter());
		requirePositive(errors, "worker.restartWindow", "worker.restart-window", worker.getRestartWindow());
		if (worker.getMaxRestarts() < 0) {
			errors.rejectValue("worker.maxRestarts", PREFIX + "worker.max-restarts", "must be 0 or more");
		}
		if (isPositive(worker.getRespawnDelay()) && isPositive(worker.getMaxRespawnDelay())
				&& worker.getMaxRespawnDelay().compareTo(worker.getRespawnDelay()) < 0) {
			errors.rejectValue("worker.maxRespawnDelay", PREFIX + "worker.max-respawn-delay",
					"must not be below oslo.service.worker.respawn-delay ("
							+ DurationFormat.format(worker.getRespawnDelay()) + ")");
		}
	}

	private void validatePeriodic(OsloServiceProperties.Periodic periodic, Errors errors) {
		if (periodic.getPoolSize() < 1) {
			errors.rejectValue("periodic.poolSize", PREFIX + "periodic.pool-size", "must be at least 1");
		}
		if (!periodic.getLock().getTableName().matches("[A-Za-z_][A-Za-z0-9_.]*")) {
			errors.rejectValue("periodic.lock.tableName", PREFIX + "periodic.lock.table-name",
					"must be a plain SQL table name");
		}
		periodic.getTasks().forEach((name, task) -> {
			validateLock(name, task, errors);
			if (Boolean.TRUE.equals(task.getClusterSingleton()) && !this.clusterLockAvailable.getAsBoolean()) {
				errors.rejectValue("periodic.tasks[" + name + "].clusterSingleton",
						PREFIX + "periodic.tasks." + name + ".cluster-singleton",
						"the application has no cluster lock (a ShedLock LockProvider bean or a DataSource)");
			}
		});
	}

	/**
	 * The lock lifetimes a task's overrides give alone; those that also depend on the spacing are
	 * checked when the task's settings are read.
	 */
	private static void validateLock(String name, OsloServiceProperties.TaskOverride task, Errors errors) {
		String prefix = PREFIX + "periodic.tasks." + name + ".";
		Duration atMost = task.getLockAtMostFor();
		Duration atLeast = task.getLockAtLeastFor();
		if (atMost != null && !isPositive(atMost)) {
			errors.rejectValue("periodic.tasks[" + name + "].lockAtMostFor", prefix + "lock-at-most-for",
					"must be positive, was " + DurationFormat.format(atMost));
		}
		if (atLeast != null && atLeast.isNegative()) {
			errors.rejectValue("periodic.tasks[" + name + "].lockAtLeastFor", prefix + "lock-at-least-for",
					"must not be negative, was " + DurationFormat.format(atLeast));
		}
		if (atMost != null && atLeast != null && atLeast.compareTo(atMost) > 0) {
			errors.rejectValue("periodic.tasks[" + name + "].lockAtLeastFor", prefix + "lock-at-least-for",
					"must not exceed " + prefix + "lock-at-most-for (" + DurationFormat.format(atMost) + "), was "
							+ DurationFormat.format(atLeast));
		}
	}

	private static void requirePositive(Errors errors, String field, String property, @Nullable Duration value) {
		if (value != null && !isPositive(value)) {
			errors.rejectValue(field, PREFIX + property, "must be positive");
		}
	}

	private static boolean isPositive(Duration value) {
		return !value.isNegative() && !value.isZero();
	}

}
