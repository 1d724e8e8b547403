package dev.oslo.service.internal.boot;

import dev.oslo.service.LauncherRuntime;

import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.ApplicationContext;
import org.springframework.context.ApplicationEvent;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.event.SmartApplicationListener;
import org.springframework.core.Ordered;

/**
 * Tells the {@link LauncherRuntime} that the application is ready (every service or
 * worker has started and the web server listens: systemd hears {@code READY=1}, a SIGHUP
 * that waited for start-up runs, a worker connects to its master) and that it begins to
 * stop (its context closes, whatever asked). Events of other contexts (a child context,
 * the throwaway context of a configuration refresh) are ignored.
 *
 * @since 0.1.0
 */
public final class LauncherRuntimeEvents implements SmartApplicationListener {

	private final LauncherRuntime runtime;

	private final ApplicationContext context;

	/**
	 * Create the listener of one application.
	 * @param runtime the launcher's runtime
	 * @param context the application's context
	 */
	public LauncherRuntimeEvents(LauncherRuntime runtime, ApplicationContext context) {
		this.runtime = runtime;
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
			this.runtime.ready();
		}
		else if (event instanceof ContextClosedEvent closed && closed.getApplicationContext() == this.context) {
			this.runtime.stopping();
		}
	}

	@Override
	public int getOrder() {
		return Ordered.HIGHEST_PRECEDENCE;
	}

}
