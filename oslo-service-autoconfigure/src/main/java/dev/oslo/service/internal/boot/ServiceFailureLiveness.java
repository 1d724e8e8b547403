package dev.oslo.service.internal.boot;

import dev.oslo.service.Launcher;
import dev.oslo.service.ReloadListener;
import dev.oslo.service.ReloadResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.LivenessState;
import org.springframework.context.ApplicationEventPublisher;

/**
 * Liveness follows the services: {@code BROKEN} when a reload left a service failed (its
 * reset or restart threw), so that Kubernetes' liveness probe restarts the container;
 * {@code CORRECT} again once a later reload has recovered it.
 *
 * @since 0.1.0
 */
public final class ServiceFailureLiveness implements ReloadListener {

	private static final Logger logger = LoggerFactory.getLogger(ServiceFailureLiveness.class);

	private final Launcher launcher;

	private final ApplicationEventPublisher publisher;

	private boolean broken;

	/**
	 * Create the liveness of one launcher.
	 * @param launcher whose services are watched
	 * @param publisher where the liveness changes are published
	 */
	public ServiceFailureLiveness(Launcher launcher, ApplicationEventPublisher publisher) {
		this.launcher = launcher;
		this.publisher = publisher;
	}

	@Override
	public synchronized void reloadFinished(ReloadResult result) {
		boolean failed = this.launcher.snapshot().hasFailed();
		if (failed != this.broken) {
			this.broken = failed;
			if (failed) {
				logger.error("A service has failed: liveness is now BROKEN");
			}
			else {
				logger.info("Every service runs again: liveness is now CORRECT");
			}
			AvailabilityChangeEvent.publish(this.publisher, this,
					failed ? LivenessState.BROKEN : LivenessState.CORRECT);
		}
	}

}
