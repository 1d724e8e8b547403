package dev.oslo.service.autoconfigure;

import dev.oslo.service.ReloadCoordinator;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationListener;

/**
 * Lets reloads run once the application is ready; a SIGHUP that arrives earlier waits for this.
 */
final class ReloadReadiness implements ApplicationListener<ApplicationReadyEvent> {

	private final ReloadCoordinator reloads;

	ReloadReadiness(ReloadCoordinator reloads) {
		this.reloads = reloads;
	}

	@Override
	public void onApplicationEvent(ApplicationReadyEvent event) {
		this.reloads.markReady();
	}

}
