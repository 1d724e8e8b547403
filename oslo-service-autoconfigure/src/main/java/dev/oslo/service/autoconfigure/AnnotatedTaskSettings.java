package dev.oslo.service.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.function.Supplier;

import dev.oslo.service.autoconfigure.OsloServiceProperties.TaskOverride;
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
 * {@code oslo.service.periodic.tasks.<name>.*}. Read at every scheduling decision, so a reload
 * applies new values.
 */
final class AnnotatedTaskSettings implements Supplier<TaskSettings> {

	private static final Logger logger = LoggerFactory.getLogger(AnnotatedTaskSettings.class);

	private static final TaskSettings DISABLED = new TaskSettings(null, false);

	private final PeriodicTaskDefinition definition;

	private final OsloServiceProperties properties;

	private final Environment environment;

	private TaskSettings lastGood;

	AnnotatedTaskSettings(PeriodicTaskDefinition definition, OsloServiceProperties properties,
			Environment environment) {
		this.definition = definition;
		this.properties = properties;
		this.environment = environment;
		this.lastGood = read();
	}

	@Override
	public synchronized TaskSettings get() {
		try {
			this.lastGood = read();
		}
		catch (IllegalStateException ex) {
			logger.error("{}; periodic task '{}' keeps its previous settings", ex.getMessage(), this.definition.name());
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
		return new TaskSettings(spacing.isZero() ? this.properties.getPeriodic().getDefaultSpacing() : spacing,
				choose((override != null) ? override.getRunImmediately() : null, this.definition.runImmediately()));
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

	private static boolean choose(@Nullable Boolean override, boolean annotated) {
		return (override != null) ? override : annotated;
	}

}
