package dev.oslo.service.autoconfigure;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.oslo.service.ReloadCoordinator;
import dev.oslo.service.ServiceBase;
import dev.oslo.service.ServiceLauncher;
import dev.oslo.service.ServiceStartException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.context.SmartLifecycle;

/**
 * Launches every {@link ServiceBase} bean when the application context starts, in
 * {@link org.springframework.core.annotation.Order @Order} (on the class or the {@code @Bean}
 * method) and then registration order, and
 * stops them when it closes. Its phase is below the web server's, so on shutdown the web server
 * drains first. Reloads stop being taken when the services stop.
 */
final class LauncherLifecycle implements SmartLifecycle {

	/** Below Spring Boot's web server lifecycles ({@code DEFAULT_PHASE - 2048} and up). */
	static final int PHASE = SmartLifecycle.DEFAULT_PHASE - 4096;

	private static final Logger logger = LoggerFactory.getLogger(LauncherLifecycle.class);

	private static final String REFRESH_SCOPE = "refresh";

	private final ServiceLauncher launcher;

	private final ReloadCoordinator reloads;

	private final ConfigurableListableBeanFactory beanFactory;

	private volatile boolean running;

	LauncherLifecycle(ServiceLauncher launcher, ReloadCoordinator reloads, ConfigurableListableBeanFactory beanFactory) {
		this.launcher = launcher;
		this.reloads = reloads;
		this.beanFactory = beanFactory;
	}

	@Override
	public void start() {
		long started = System.nanoTime();
		rejectRefreshScopedServices();
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
		this.reloads.close();
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

	private void rejectRefreshScopedServices() {
		for (String name : this.beanFactory.getBeanNamesForType(ServiceBase.class, true, false)) {
			String original = ScopedProxyUtils.isScopedTarget(name) ? ScopedProxyUtils.getOriginalBeanName(name) : name;
			if (isRefreshScoped(original) || isRefreshScoped(ScopedProxyUtils.getTargetBeanName(original))) {
				throw new IllegalStateException("Service '" + original
						+ "' is in @RefreshScope: a refresh would hand the launcher a new, never-started instance. "
						+ "Remove @RefreshScope and re-read the settings in reset() instead, which the launcher "
						+ "calls after every reload");
			}
		}
	}

	private boolean isRefreshScoped(String beanName) {
		return this.beanFactory.containsBeanDefinition(beanName)
				&& REFRESH_SCOPE.equals(this.beanFactory.getBeanDefinition(beanName).getScope());
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
