package dev.oslo.service.internal.boot;

import dev.oslo.service.ServiceStartException;

import org.springframework.boot.ExitCodeGenerator;

/**
 * A service failed to start while the application context was starting; the process exits
 * with status 1.
 *
 * @since 0.1.0
 */
public class LauncherStartupException extends RuntimeException implements ExitCodeGenerator {

	private static final long serialVersionUID = 1L;

	LauncherStartupException(ServiceStartException cause) {
		super(cause.getMessage(), cause);
	}

	@Override
	public int getExitCode() {
		return 1;
	}

}
