package dev.oslo.service.autoconfigure;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.oslo.service.ServiceBase;
import dev.oslo.service.ServiceLauncher;
import dev.oslo.service.ServiceStartException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.beans.factory.ListableBeanFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Launches every {@link ServiceBase} bean when the application context starts, in
 * {@link org.springframework.core.annotation.Order @Order} (on the class or the {@code @Bean}
 * method) and then registration order, and
 * stops them when it closes. Its phase is below the web server's, so on shutdown the web server
 * drains first.
 */
final class LauncherLifecycle implements SmartLifecycle {

	/** Below Spring Boot's web server lifecycles ({@code DEFAULT_PHASE - 2048} and up). */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private static final Logger logger = LoggerFactory.getLogger(LauncherLifecycle.class);

	private final ServiceLauncher launcher;

	private final ListableBeanFactory beanFactory;

	private volatile boolean running;

	LauncherLifecycle(ServiceLauncher launcher, ListableBeanFactory beanFactory) {
		this.launcher = launcher;
		this.beanFactory = beanFactory;
	}

	@Override
	public void start() {
		long started = System.nanoTime();
		List<Map.Entry<String, ServiceBase>> services = orderedServices();
		if (services.isEmpty()) {
			logger.warn("No ServiceBase beans found; the launcher has nothing to run");
		}
		for (Map.Entry<String, ServiceBase> service : services) {
			try {
				this.launcher.launchService(service.getKey(), service.getValue());
			}
			catch (ServiceStartException ex) {
				throw new LauncherStartupException(ex);
			}
		}
		this.running = true;
		logger.info("Launched {} service(s) in {} ms: {}", services.size(),
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
				services.stream().map(Map.Entry::getKey).toList());
	}

	@Override
	public void stop() {
		this.launcher.stop();
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	@Override
	public int getPhase() {
		return PHASE;
	}

	private List<Map.Entry<String, ServiceBase>> orderedServices() {
		Map<ServiceBase, String> names = new IdentityHashMap<>();
		this.beanFactory.getBeansOfType(ServiceBase.class).forEach((name, service) -> names.put(service, name));
		return this.beanFactory.getBeanProvider(ServiceBase.class)
			.orderedStream()
			.map((service) -> Map.entry(names.get(service), service))
			.toList();
	}

}
