package dev.oslo.service.internal.boot;

import java.io.IOException;
import java.net.BindException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.List;

import dev.oslo.service.process.ListeningSocket;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.Environment;
import org.springframework.core.env.PropertySource;
import org.springframework.util.ClassUtils;

/**
 * Who serves HTTP in a multi-process web application: every worker serves the
 * application's port ({@code server.port}) through one listening socket that the master
 * holds and shares ({@link ListeningSocket}); the master serves only Actuator, for the
 * whole group, on {@code management.server.port} when that is set, and else nothing.
 *
 * @since 0.1.0
 */
public final class MultiProcessHttp {

	/** The property source a master that shares a listening socket adds, first. */
	static final String MASTER_PROPERTY_SOURCE = "osloServiceMaster";

	/** The property source a worker adds, first. */
	static final String WORKER_PROPERTY_SOURCE = "osloServiceWorker";

	private static final String TOMCAT = "org.springframework.boot.tomcat.TomcatWebServerFactory";

	private static final String REACTOR_NETTY = "reactor.netty.http.server.HttpServer";

	private static final String JETTY = "org.eclipse.jetty.server.Server";

	private static final String DISPATCHER_SERVLET = "org.springframework.web.servlet.DispatcherServlet";

	private static final String DISPATCHER_HANDLER = "org.springframework.web.reactive.DispatcherHandler";

	private static final int DEFAULT_PORT = 8080;

	/** Tomcat's default {@code server.tomcat.accept-count}. */
	private static final int DEFAULT_BACKLOG = 100;

	private static final Logger logger = LoggerFactory.getLogger(MultiProcessHttp.class);

	private MultiProcessHttp() {
	}

	/**
	 * Whether an application serves HTTP: it is a web application (as configured, else as
	 * deduced from its class path) whose {@code server.port} is not negative.
	 * @param environment the application's environment
	 * @param deduced the web application type Spring Boot deduced, if it did
	 * @return whether workers would serve a port
	 */
	static boolean servesHttp(Environment environment, @Nullable WebApplicationType deduced) {
		WebApplicationType type = Binder.get(environment)
			.bind("spring.main.web-application-type", WebApplicationType.class)
			.orElse((deduced != null) ? deduced : WebApplicationType.NONE);
		return type != WebApplicationType.NONE
				&& Binder.get(environment).bind("server.port", Integer.class).orElse(DEFAULT_PORT) >= 0;
	}

	/**
	 * Whether Actuator has a port of its own ({@code management.server.port} set, not
	 * negative, and not {@code server.port}), which the master then serves.
	 * @param environment the application's environment
	 * @return whether it has
	 */
	static boolean managementHasOwnPort(Environment environment) {
		Binder binder = Binder.get(environment);
		Integer management = binder.bind("management.server.port", Integer.class).orElse(null);
		return management != null && management >= 0
				&& !management.equals(binder.bind("server.port", Integer.class).orElse(DEFAULT_PORT));
	}

	/**
	 * Whether this master shares a listening socket with its workers.
	 * @param environment the master's environment
	 * @return whether it does
	 */
	public static boolean sharesListeningSocket(Environment environment) {
		return environment instanceof ConfigurableEnvironment configurable
				&& configurable.getPropertySources().contains(MASTER_PROPERTY_SOURCE);
	}

	/**
	 * Open the socket the workers will share, where the application configured its port
	 * ({@code server.address}, {@code server.port}, {@code server.tomcat.accept-count}),
	 * or take the one the service manager passed.
	 * @param environment the master's environment
	 * @param classLoader the application's class loader, to tell its web server
	 * @return the socket
	 * @throws IllegalStateException if the web server cannot share a socket, or no native
	 * access is available
	 * @throws PortInUseException if the port is in use
	 */
	public static ListeningSocket openListeningSocket(ConfigurableEnvironment environment, ClassLoader classLoader) {
		Binder binder = configuredWithoutOverrides(environment);
		checkWebServer(binder, classLoader);
		int port = binder.bind("server.port", Integer.class).orElse(DEFAULT_PORT);
		InetAddress address = binder.bind("server.address", InetAddress.class).orElse(null);
		InetSocketAddress requested = (address != null) ? new InetSocketAddress(address, port)
				: new InetSocketAddress(port);
		try {
			ListeningSocket socket = ListeningSocket.open(requested,
					binder.bind("server.tomcat.accept-count", Integer.class).orElse(DEFAULT_BACKLOG), System.getenv());
			logger.info("The workers serve {} on one listening socket, {}{}", describe(socket.address()),
					socket.origin(), (port == 0) ? " (server.port=0: the port was chosen once for every worker)" : "");
			if (!managementHasOwnPort(environment)) {
				logger.info("The master serves no HTTP; set management.server.port to have it serve Actuator "
						+ "for the whole group (launcher endpoint, health, metrics)");
			}
			return socket;
		}
		catch (BindException ex) {
			throw new PortInUseException(port, ex);
		}
		catch (IOException ex) {
			throw new IllegalStateException("Could not open the listening socket " + requested
					+ " (server.address, server.port) for the workers to share: " + ex.getMessage(), ex);
		}
	}

	private static void checkWebServer(Binder configured, ClassLoader classLoader) {
		// Spring Boot prefers Reactor Netty for a reactive application, Tomcat for a
		// servlet one; a servlet application may have Reactor Netty for its WebClient.
		boolean reactive = configured.bind("spring.main.web-application-type", WebApplicationType.class)
			.map((type) -> type == WebApplicationType.REACTIVE)
			.orElseGet(() -> !ClassUtils.isPresent(DISPATCHER_SERVLET, classLoader)
					&& ClassUtils.isPresent(DISPATCHER_HANDLER, classLoader));
		String other = (reactive && ClassUtils.isPresent(REACTOR_NETTY, classLoader)) ? "Reactor Netty"
				: ClassUtils.isPresent(TOMCAT, classLoader) ? null
						: ClassUtils.isPresent(JETTY, classLoader) ? "Jetty" : "a web server other than Tomcat";
		if (other != null) {
			throw new IllegalStateException("oslo.service.workers is above 1 in a web application, whose workers "
					+ "serve server.port through one listening socket of the master; only Tomcat can serve such a "
					+ "socket, and this application runs on " + other + ". Use spring-boot-starter-tomcat, run one "
					+ "process (oslo.service.workers=1), or run without HTTP "
					+ "(spring.main.web-application-type=none)");
		}
	}

	private static String describe(InetSocketAddress address) {
		return "http://" + (address.getAddress().isAnyLocalAddress() ? "*" : address.getHostString()) + ":"
				+ address.getPort();
	}

	/**
	 * The application's own configuration, without what the multi-process set-up put
	 * above it (the master's {@code server.port=-1}).
	 */
	private static Binder configuredWithoutOverrides(ConfigurableEnvironment environment) {
		List<PropertySource<?>> sources = environment.getPropertySources()
			.stream()
			.filter((source) -> !source.getName().equals(MASTER_PROPERTY_SOURCE))
			.toList();
		return new Binder(ConfigurationPropertySources.from(sources), new PropertySourcesPlaceholdersResolver(sources));
	}

}
