package dev.oslo.service.internal.boot;

import dev.oslo.service.process.WorkerIdentity;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;

/**
 * What this process is: a single process running the services, the master of several
 * worker JVMs ({@code oslo.service.workers} above 1), or one of those workers (its
 * master's identity in the environment). A worker ignores {@code oslo.service.workers}.
 *
 * @since 0.1.0
 */
public enum ProcessRole {

	/** Runs the services in process. */
	SINGLE,

	/** Runs no services; spawns and supervises the workers. */
	MASTER,

	/** Runs the services for a master. */
	WORKER;

	public static ProcessRole of(Environment environment) {
		if (WorkerIdentity.current().isPresent()) {
			return WORKER;
		}
		int workers = Binder.get(environment).bind("oslo.service.workers", Integer.class).orElse(1);
		return (workers > 1) ? MASTER : SINGLE;
	}

}
