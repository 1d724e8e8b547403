package dev.oslo.service.internal.boot;

import java.util.Map;

import dev.oslo.service.process.ListeningSocket;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;

/**
 * Sets who serves HTTP in a multi-process application (see {@link MultiProcessHttp}),
 * above every other property source, since master and workers run the same command line
 * and configuration:
 * <ul>
 * <li>a master of a web application does not serve {@code server.port}, which its workers
 * serve through its listening socket: it serves Actuator on
 * {@code management.server.port} when that is set ({@code server.port=-1}), and else runs
 * without a web server;</li>
 * <li>a worker that inherited that socket serves it, and leaves
 * {@code management.server.port} to its master ({@code -1});</li>
 * <li>a worker of an application that serves no HTTP runs without a web server.</li>
 * </ul>
 *
 * @since 0.1.0
 */
public final class MultiProcessEnvironmentPostProcessor implements EnvironmentPostProcessor {

	private static final String NO_WEB_SERVER = "spring.main.web-application-type";

	@Override
	public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
		switch (ProcessRole.of(environment)) {
			case WORKER -> override(environment, MultiProcessHttp.WORKER_PROPERTY_SOURCE, worker(environment));
			case MASTER -> {
				if (MultiProcessHttp.servesHttp(environment, application.getWebApplicationType())) {
					override(environment, MultiProcessHttp.MASTER_PROPERTY_SOURCE,
							MultiProcessHttp.managementHasOwnPort(environment) ? Map.of("server.port", "-1")
									: Map.of(NO_WEB_SERVER, "none"));
				}
			}
			case SINGLE -> {
			}
		}
	}

	private static Map<String, Object> worker(ConfigurableEnvironment environment) {
		if (environment.getProperty(ListeningSocket.ENVIRONMENT) == null) {
			return Map.of(NO_WEB_SERVER, "none");
		}
		return MultiProcessHttp.managementHasOwnPort(environment) ? Map.of("management.server.port", "-1") : Map.of();
	}

	private static void override(ConfigurableEnvironment environment, String name, Map<String, Object> properties) {
		if (!properties.isEmpty()) {
			environment.getPropertySources().addFirst(new MapPropertySource(name, properties));
		}
	}

}
