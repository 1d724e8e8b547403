package dev.oslo.service.internal.refresh;

import dev.oslo.service.process.WorkerIdentity;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.event.ApplicationPreparedEvent;
import org.springframework.context.ApplicationListener;

/**
 * In a standby worker JVM, keeps the {@link SpringApplication} in the context as the
 * singleton {@value #BEAN_NAME}: a promoted standby re-reads its configuration while its
 * context is still starting, before Spring Cloud has been handed the application that its
 * refresh needs (which happens once the context is refreshed), so
 * {@link CoordinatedContextRefresher} hands it over itself.
 *
 * @since 0.1.0
 */
public final class StandbyApplicationRecorder implements ApplicationListener<ApplicationPreparedEvent> {

	/** The name of the singleton that holds the application. */
	public static final String BEAN_NAME = "osloServiceStandbyApplication";

	@Override
	public void onApplicationEvent(ApplicationPreparedEvent event) {
		if (WorkerIdentity.current().filter(WorkerIdentity::isStandby).isPresent()) {
			event.getApplicationContext().getBeanFactory().registerSingleton(BEAN_NAME, event.getSpringApplication());
		}
	}

}
