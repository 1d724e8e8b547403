package dev.oslo.service.internal.boot;

import java.util.Map;

import dev.oslo.service.process.WorkerIdentity;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * In a worker JVM, turns the web server off: until workers can share the master's HTTP
 * port, the master alone serves HTTP (the management endpoints among it), and the
 * workers, which inherit its command line and so its {@code server.port}, would otherwise
 * fight over that port. The setting goes first, above the command line.
 *
 * @since 0.1.0
 */
public final class WorkerEnvironmentPostProcessor implements EnvironmentPostProcessor {

	/** The name of the property source this adds. */
	static final String PROPERTY_SOURCE = "osloServiceWorker";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		if (WorkerIdentity.current().isPresent()) {
			environment.getPropertySources()
				.addFirst(new MapPropertySource(PROPERTY_SOURCE, Map.of("spring.main.web-application-type", "none")));
		}
	}

}
