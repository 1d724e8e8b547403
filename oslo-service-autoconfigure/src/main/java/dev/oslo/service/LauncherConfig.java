package dev.oslo.service;

import java.time.Duration;
import java.util.Objects;

/**
 * The settings a launcher reads each time it needs them.
 *
 * @param gracefulShutdownTimeout how long a graceful stop may take, from the request (or
 * the SIGTERM) to the end; {@link Duration#ZERO} waits forever
 * @param restartMethod what {@link Launcher#restart()} does to the services
 * @param handleSignals whether {@link Launchers#launch} installs the SIGTERM and SIGINT
 * handlers
 * @since 0.1.0
 */
public record LauncherConfig(Duration gracefulShutdownTimeout, RestartMethod restartMethod, boolean handleSignals) {

	/** oslo's defaults: a 60 s graceful shutdown, {@code reload}, signals handled. */
	public static final LauncherConfig DEFAULTS = new LauncherConfig(Duration.ofSeconds(60), RestartMethod.RELOAD,
			true);

	/**
	 * Check the values.
	 * @throws IllegalArgumentException if the timeout is negative
	 */
	public LauncherConfig {
		Objects.requireNonNull(gracefulShutdownTimeout, "gracefulShutdownTimeout");
		Objects.requireNonNull(restartMethod, "restartMethod");
		if (gracefulShutdownTimeout.isNegative()) {
			throw new IllegalArgumentException(
					"gracefulShutdownTimeout must be 0 (wait forever) or positive, was " + gracefulShutdownTimeout);
		}
	}

	/**
	 * A copy with another graceful shutdown timeout.
	 * @param timeout the new timeout; {@link Duration#ZERO} waits forever
	 * @return the copy
	 */
	public LauncherConfig withGracefulShutdownTimeout(Duration timeout) {
		return new LauncherConfig(timeout, this.restartMethod, this.handleSignals);
	}

	/**
	 * A copy with another restart method.
	 * @param method the new method
	 * @return the copy
	 */
	public LauncherConfig withRestartMethod(RestartMethod method) {
		return new LauncherConfig(this.gracefulShutdownTimeout, method, this.handleSignals);
	}

	/**
	 * A copy that does or does not handle signals.
	 * @param handle whether to install the handlers
	 * @return the copy
	 */
	public LauncherConfig withHandleSignals(boolean handle) {
		return new LauncherConfig(this.gracefulShutdownTimeout, this.restartMethod, handle);
	}

}
