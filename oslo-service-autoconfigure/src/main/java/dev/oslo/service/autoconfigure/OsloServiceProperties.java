package dev.oslo.service.autoconfigure;

import java.time.Duration;
import java.time.temporal.ChronoUnit;

import dev.oslo.service.LauncherConfig;
import dev.oslo.service.RestartMethod;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.convert.DurationUnit;

/**
 * Settings of the oslo.service launcher, under {@code oslo.service}. The launcher reads them each
 * time it needs them, so a rebinding after a configuration refresh takes effect. Invalid values
 * fail binding with a message that names the property and the value.
 */
@ConfigurationProperties("oslo.service")
public class OsloServiceProperties {

	/**
	 * How long a graceful shutdown may take, from SIGTERM to the process's exit; past it the
	 * services still stopping are logged with their stacks and the process exits with status 1. A
	 * bare number is in seconds; 0 waits forever.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private Duration gracefulShutdownTimeout = Duration.ofSeconds(60);

	/**
	 * What a configuration reload does to the services: 'reload' stops, resets and starts each one;
	 * 'mutate' only resets them.
	 */
	private RestartMethod restartMethod = RestartMethod.RELOAD;

	/**
	 * How many processes run the services. Only 1 is supported until the multi-process launcher is
	 * available.
	 */
	private int workers = 1;

	/**
	 * Whether to log every oslo.service value and the application's own configuration keys at
	 * start, with secrets masked.
	 */
	private boolean logOptions = true;

	private final Signals signals = new Signals();

	public Duration getGracefulShutdownTimeout() {
		return this.gracefulShutdownTimeout;
	}

	public void setGracefulShutdownTimeout(Duration gracefulShutdownTimeout) {
		if (gracefulShutdownTimeout.isNegative()) {
			throw new IllegalArgumentException(
					"oslo.service.graceful-shutdown-timeout must be 0 (wait forever) or positive");
		}
		this.gracefulShutdownTimeout = gracefulShutdownTimeout;
	}

	public RestartMethod getRestartMethod() {
		return this.restartMethod;
	}

	public void setRestartMethod(RestartMethod restartMethod) {
		this.restartMethod = restartMethod;
	}

	public int getWorkers() {
		return this.workers;
	}

	public void setWorkers(int workers) {
		if (workers < 1) {
			throw new IllegalArgumentException("oslo.service.workers must be at least 1");
		}
		if (workers > 1) {
			throw new IllegalArgumentException("oslo.service.workers > 1 needs the multi-process launcher, "
					+ "which is not available yet; set it to 1");
		}
		this.workers = workers;
	}

	public boolean isLogOptions() {
		return this.logOptions;
	}

	public void setLogOptions(boolean logOptions) {
		this.logOptions = logOptions;
	}

	public Signals getSignals() {
		return this.signals;
	}

	/**
	 * The launcher settings these properties describe.
	 * @return the current launcher configuration
	 */
	public LauncherConfig toLauncherConfig() {
		return new LauncherConfig(this.gracefulShutdownTimeout, this.restartMethod, this.signals.isEnabled());
	}

	/**
	 * Signal handling.
	 */
	public static class Signals {

		/**
		 * Whether to install the SIGTERM (graceful stop) and SIGINT (immediate exit) handlers. Turn
		 * off in tests that do not test signals.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

}
