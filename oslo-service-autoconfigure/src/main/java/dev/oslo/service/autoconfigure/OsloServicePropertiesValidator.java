package dev.oslo.service.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.Optional;
import java.util.function.Supplier;

import dev.oslo.service.cluster.JdbcClusterLock;
import dev.oslo.service.internal.DurationFormat;
import dev.oslo.service.process.SupervisionSettings;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationPropertiesBindHandlerAdvisor;
import org.springframework.boot.context.properties.bind.AbstractBindHandler;
import org.springframework.boot.context.properties.bind.BindContext;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.validation.BindingResult;
import org.springframework.validation.Errors;
import org.springframework.validation.FieldError;
import org.springframework.validation.Validator;

/**
 * Checks {@link OsloServiceProperties} as they are bound, at start-up and on every reload
 * (the reload's check of the refreshed environment applies the same bind handler
 * advisors): values out of range, values that contradict each other, and a
 * cluster-singleton task in an application without a cluster lock. Each error names the
 * property and the value as written (Spring Boot's start-up report prints both), so a
 * bind records the values as they come from the configuration.
 */
final class OsloServicePropertiesValidator implements Validator {

	private static final String PREFIX = "oslo.service.";

	private final Supplier<Optional<String>> missingClusterLock;

	private final Map<ConfigurationPropertyName, Object> written;

	private OsloServicePropertiesValidator(Supplier<Optional<String>> missingClusterLock,
			Map<ConfigurationPropertyName, Object> written) {
		this.missingClusterLock = missingClusterLock;
		this.written = written;
	}

	/**
	 * The advisor that checks {@link OsloServiceProperties} wherever
	 * {@code @ConfigurationProperties} are bound.
	 * @param missingClusterLock what the application must do to have a cluster lock,
	 * empty when it has one; asked only when a task is made a cluster singleton by
	 * configuration
	 * @return the advisor
	 */
	static ConfigurationPropertiesBindHandlerAdvisor advisor(Supplier<Optional<String>> missingClusterLock) {
		return (handler) -> {
			Map<ConfigurationPropertyName, Object> written = new ConcurrentHashMap<>();
			return new ValidationBindHandler(new WrittenValues(handler, written),
					new OsloServicePropertiesValidator(missingClusterLock, written));
		};
	}

	@Override
	public boolean supports(Class<?> type) {
		return OsloServiceProperties.class.isAssignableFrom(type);
	}

	@Override
	public void validate(Object target, Errors errors) {
		OsloServiceProperties properties = (OsloServiceProperties) target;
		if (properties.getGracefulShutdownTimeout().isNegative()) {
			reject(errors, "graceful-shutdown-timeout", "must be 0 (wait forever) or positive");
		}
		if (properties.getWorkers() < 1) {
			reject(errors, "workers", "must be at least 1");
		}
		validateWorker(properties.getWorker(), errors);
		validatePeriodic(properties.getPeriodic(), errors);
	}

	private void validateWorker(OsloServiceProperties.Worker worker, Errors errors) {
		requirePositive(errors, "worker.boot-timeout", worker.getBootTimeout());
		requirePositive(errors, "worker.respawn-delay", worker.getRespawnDelay());
		requirePositive(errors, "worker.max-respawn-delay", worker.getMaxRespawnDelay());
		requirePositive(errors, "worker.respawn-reset-after", worker.getRespawnResetAfter());
		requirePositive(errors, "worker.restart-window", worker.getRestartWindow());
		Path classDataDirectory = worker.getClassData().getDirectory();
		if (classDataDirectory != null && !classDataDirectory.isAbsolute()) {
			reject(errors, "worker.class-data.directory",
					"must be an absolute path (a relative one or ~ is not expanded)");
		}
		if (worker.getMaxRestarts() < 0) {
			reject(errors, "worker.max-restarts", "must be 0 or more");
		}
		if (worker.getStandby() < 0 || worker.getStandby() > SupervisionSettings.MAX_STANDBY) {
			reject(errors, "worker.standby", "must be between 0 and " + SupervisionSettings.MAX_STANDBY);
		}
		Duration heartbeatTimeout = worker.getHeartbeatTimeout();
		if (heartbeatTimeout != null && !heartbeatTimeout.isZero()
				&& heartbeatTimeout.compareTo(SupervisionSettings.HEARTBEAT_INTERVAL) <= 0) {
			reject(errors, "worker.heartbeat-timeout", "must be 0 (off) or longer than the heartbeat interval ("
					+ DurationFormat.format(SupervisionSettings.HEARTBEAT_INTERVAL) + ")");
		}
		if (isPositive(worker.getRespawnDelay()) && isPositive(worker.getMaxRespawnDelay())
				&& worker.getMaxRespawnDelay().compareTo(worker.getRespawnDelay()) < 0) {
			reject(errors, "worker.max-respawn-delay", "must not be below oslo.service.worker.respawn-delay ("
					+ DurationFormat.format(worker.getRespawnDelay()) + ")");
		}
	}

	private void validatePeriodic(OsloServiceProperties.Periodic periodic, Errors errors) {
		requirePositive(errors, "periodic.default-spacing", periodic.getDefaultSpacing());
		requirePositive(errors, "periodic.interval-max", periodic.getIntervalMax());
		if (periodic.getPoolSize() < 1) {
			reject(errors, "periodic.pool-size", "must be at least 1");
		}
		validateLockTable(periodic.getLock(), errors);
		periodic.getTasks().forEach((name, task) -> {
			validateLock(name, task, errors);
			if (Boolean.TRUE.equals(task.getClusterSingleton())) {
				this.missingClusterLock.get()
					.ifPresent((remedy) -> reject(errors, "periodic.tasks[" + name + "].cluster-singleton",
							"the application has no cluster lock: " + remedy));
			}
		});
	}

	@SuppressWarnings("deprecation")
	private void validateLockTable(OsloServiceProperties.Lock lock, Errors errors) {
		if (!lock.getTableName().matches(JdbcClusterLock.PLAIN_TABLE_NAME)) {
			reject(errors, "periodic.lock.table-name", "must be a plain SQL table name");
		}
		Boolean createTable = lock.getCreateTable();
		if (createTable != null) {
			String initializeSchema = PREFIX + "periodic.lock.initialize-schema";
			reject(errors, "periodic.lock.create-table",
					"was replaced by " + initializeSchema
							+ ", whose default (embedded) creates the table only in an embedded database: remove it"
							+ (createTable ? ", and set " + initializeSchema + "=always to create it in any database"
									: " (" + initializeSchema + "=never creates no table)"));
		}
	}

	/**
	 * The lock lifetimes a task's overrides give alone; those that also depend on the
	 * spacing are checked when the task's settings are read.
	 */
	private void validateLock(String name, OsloServiceProperties.TaskOverride task, Errors errors) {
		String prefix = PREFIX + "periodic.tasks." + name + ".";
		Duration atMost = task.getLockAtMostFor();
		Duration atLeast = task.getLockAtLeastFor();
		if (atMost != null && !isPositive(atMost)) {
			reject(errors, "periodic.tasks[" + name + "].lock-at-most-for",
					"must be positive, was " + DurationFormat.format(atMost));
		}
		if (atLeast != null && atLeast.isNegative()) {
			reject(errors, "periodic.tasks[" + name + "].lock-at-least-for",
					"must not be negative, was " + DurationFormat.format(atLeast));
		}
		if (atMost != null && atLeast != null && atLeast.compareTo(atMost) > 0) {
			reject(errors, "periodic.tasks[" + name + "].lock-at-least-for",
					"must not exceed " + prefix + "lock-at-most-for (" + DurationFormat.format(atMost) + "), was "
							+ DurationFormat.format(atLeast));
		}
	}

	private void requirePositive(Errors errors, String property, @Nullable Duration value) {
		if (value != null && !isPositive(value)) {
			reject(errors, property, "must be positive");
		}
	}

	/**
	 * Reject a property, naming it and its value the way the configuration writes them.
	 * @param property the property below {@code oslo.service.}, in its canonical form
	 */
	private void reject(Errors errors, String property, String message) {
		String name = PREFIX + property;
		Object value = ConfigurationPropertyName.isValid(name) ? this.written.get(ConfigurationPropertyName.of(name))
				: null;
		((BindingResult) errors).addError(
				new FieldError(errors.getObjectName(), property, value, false, new String[] { name }, null, message));
	}

	private static boolean isPositive(Duration value) {
		return !value.isNegative() && !value.isZero();
	}

	/**
	 * Records each property's value as the configuration writes it, before conversion.
	 */
	private static final class WrittenValues extends AbstractBindHandler {

		private final Map<ConfigurationPropertyName, Object> written;

		WrittenValues(BindHandler parent, Map<ConfigurationPropertyName, Object> written) {
			super(parent);
			this.written = written;
		}

		@Override
		public @Nullable Object onSuccess(ConfigurationPropertyName name, Bindable<?> target, BindContext context,
				Object result) {
			ConfigurationProperty property = context.getConfigurationProperty();
			if (property != null) {
				this.written.put(property.getName(), property.getValue());
			}
			return super.onSuccess(name, target, context, result);
		}

	}

}
