package dev.oslo.service.autoconfigure;

import dev.oslo.service.systemd.SystemdLauncherNotifier;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.core.Ordered;

/**
 * Tells systemd that the application is ready (every service or worker has started and the web
 * server listens) and that it begins to stop (its context closes, whatever asked). It runs before
 * the listener that lets reloads in, so a SIGHUP that waited for start-up is reported after
 * {@code READY=1}. Events of other contexts (a child context, the throwaway context of a
 * configuration refresh) are ignored.
 */
final class SystemdApplicationListener implements SmartApplicationListener {

	private final SystemdLauncherNotifier notifier;

	private final ApplicationContext context;

	SystemdApplicationListener(SystemdLauncherNotifier notifier, ApplicationContext context) {
		this.notifier = notifier;
		this.context = context;
	}

	@Override
	public boolean supportsEventType(Class<? extends ApplicationEvent> eventType) {
		return ApplicationReadyEvent.class.isAssignableFrom(eventType)
				|| ContextClosedEvent.class.isAssignableFrom(eventType);
	}

	@Override
	public void onApplicationEvent(ApplicationEvent event) {
		if (event instanceof ApplicationReadyEvent ready && ready.getApplicationContext() == this.context) {
			this.notifier.ready();
		}
		else if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == this.context) {
			this.notifier.stopping();
		}
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
