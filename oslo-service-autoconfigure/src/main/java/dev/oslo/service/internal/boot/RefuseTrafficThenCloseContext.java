package dev.oslo.service.internal.boot;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * What SIGTERM does to a Spring application: readiness becomes {@code REFUSING_TRAFFIC},
 * then the context closes, which drains the web server and then stops the services.
 *
 * @since 0.1.0
 */
public final class RefuseTrafficThenCloseContext implements Runnable {

	private final ConfigurableApplicationContext context;

	/**
	 * Create the steps for one application.
	 * @param context the application's context
	 */
	public RefuseTrafficThenCloseContext(ConfigurableApplicationContext context) {
		this.context = context;
	}

	@Override
	public void run() {
		AvailabilityChangeEvent.publish(this.context, ReadinessState.REFUSING_TRAFFIC);
		this.context.close();
	}

}
