package dev.oslo.service.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.Objects;
import java.util.function.Supplier;

import dev.oslo.service.autoconfigure.OsloServiceProperties.TaskOverride;
import dev.oslo.service.internal.DurationFormat;
import dev.oslo.service.periodic.PeriodicTaskDefinition;
import dev.oslo.service.periodic.TaskSettings;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.convert.DurationStyle;
import org.springframework.core.env.Environment;

/**
 * The settings of one {@code @PeriodicTask} method as they are now: the annotation, its
 * {@code ${...}} placeholders resolved against the environment, under the overrides in
 * {@code oslo.service.periodic.tasks.<name>.*}. Read at every scheduling decision, so a
 * reload applies new values.
 */
final class ConfiguredTaskSettings implements Supplier<TaskSettings> {

	private static final Logger logger = LoggerFactory.getLogger(ConfiguredTaskSettings.class);

	private static final TaskSettings DISABLED = new TaskSettings(null, false);

	private final PeriodicTaskDefinition definition;

	private final OsloServiceProperties properties;

	private final Environment environment;

	private final @Nullable String missingClusterLock;

	private TaskSettings lastGood;

	private @Nullable String lastError;

	/**
	 * Read a task's settings; they must be valid now.
	 * @param missingClusterLock what the application must do to have a cluster lock for
	 * singleton tasks, {@code null} when it has one
	 * @throws IllegalStateException naming the property and the value that is wrong
	 */
	ConfiguredTaskSettings(PeriodicTaskDefinition definition, OsloServiceProperties properties, Environment environment,
			@Nullable String missingClusterLock) {
		this.definition = definition;
		this.properties = properties;
		this.environment = environment;
		this.missingClusterLock = missingClusterLock;
		this.lastGood = read();
	}

	/**
	 * The settings now; while they are invalid, the last valid ones, and the error is
	 * logged once (this is read at every scheduling decision).
	 */
	@Override
	public synchronized TaskSettings get() {
		try {
			this.lastGood = read();
			this.lastError = null;
		}
		catch (IllegalStateException ex) {
			if (!Objects.equals(ex.getMessage(), this.lastError)) {
				this.lastError = ex.getMessage();
				logger.error("{}; periodic task '{}' keeps its previous settings", ex.getMessage(),
						this.definition.name());
			}
		}
		return this.lastGood;
	}

	private TaskSettings read() {
		TaskOverride override = this.properties.getPeriodic().getTasks().get(this.definition.name());
		boolean enabled = choose((override != null) ? override.getEnabled() : null, this.definition.enabled());
		if (!enabled || (this.definition.externalProcessOk() && !this.properties.isRunExternalPeriodicTasks())) {
			return DISABLED;
		}
		Duration spacing = (override != null && override.getSpacing() != null) ? override.getSpacing()
				: annotatedSpacing();
		if (spacing.isNegative()) {
			return DISABLED;
		}
		Duration effective = spacing.isZero() ? this.properties.getPeriodic().getDefaultSpacing() : spacing;
		return new TaskSettings(effective,
				choose((override != null) ? override.getRunImmediately() : null, this.definition.runImmediately()),
				singletonLock(override, effective));
	}

	private TaskSettings.@Nullable SingletonLock singletonLock(@Nullable TaskOverride override, Duration spacing) {
		String name = this.definition.name();
		String prefix = "oslo.service.periodic.tasks." + name + ".";
		if (!choose((override != null) ? override.getClusterSingleton() : null, this.definition.clusterSingleton())) {
			return null;
		}
		if (this.missingClusterLock != null) {
			throw new IllegalStateException("Periodic task '" + name + "' is a cluster singleton, but the application "
					+ "has no cluster lock: " + this.missingClusterLock + "; or set " + prefix
					+ "cluster-singleton=false to run it on every replica");
		}
		// A default gives way to the other lifetime where that one is set, so that only
		// two explicit
		// values can contradict each other, which the properties' validation rejects.
		TaskSettings.SingletonLock defaults = TaskSettings.SingletonLock.forSpacing(spacing);
		Duration explicitAtMost = (override != null) ? override.getLockAtMostFor() : null;
		Duration explicitAtLeast = (override != null) ? override.getLockAtLeastFor() : null;
		Duration atMost = (explicitAtMost != null) ? explicitAtMost
				: max(defaults.lockAtMostFor(), (explicitAtLeast != null) ? explicitAtLeast : Duration.ZERO);
		Duration atLeast = (explicitAtLeast != null) ? explicitAtLeast : min(defaults.lockAtLeastFor(), atMost);
		if (atMost.isNegative() || atMost.isZero()) {
			throw new IllegalStateException(
					prefix + "lock-at-most-for=" + DurationFormat.format(atMost) + " must be positive");
		}
		if (atLeast.isNegative() || atLeast.compareTo(atMost) > 0) {
			throw new IllegalStateException(prefix + "lock-at-least-for=" + DurationFormat.format(atLeast)
					+ " must be between 0 and lock-at-most-for (" + DurationFormat.format(atMost) + ")");
		}
		return new TaskSettings.SingletonLock(atMost, atLeast);
	}

	private Duration annotatedSpacing() {
		String value = this.definition.spacing();
		try {
			return DurationStyle.detectAndParse(this.environment.resolveRequiredPlaceholders(value).trim(),
					ChronoUnit.SECONDS);
		}
		catch (IllegalArgumentException ex) {
			throw new IllegalStateException("@PeriodicTask " + this.definition.method().getDeclaringClass().getName()
					+ "." + this.definition.method().getName() + " has an invalid spacing '" + value + "': "
					+ ex.getMessage(), ex);
		}
	}

	private static Duration max(Duration a, Duration b) {
		return (a.compareTo(b) >= 0) ? a : b;
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

	private static boolean choose(@Nullable Boolean override, boolean annotated) {
		return (override != null) ? override : annotated;
	}

}
