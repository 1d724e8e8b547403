package dev.oslo.service.internal.boot;

import java.util.IdentityHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import dev.oslo.service.LauncherRuntime;
import dev.oslo.service.ServiceBase;
import dev.oslo.service.ServiceLauncher;
import dev.oslo.service.ServiceStartException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.aop.scope.ScopedProxyUtils;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;

/**
 * Launches every {@link ServiceBase} bean when the application context starts, in
 * {@link org.springframework.core.annotation.Order @Order} (on the class or the
 * {@code @Bean} method) and then registration order, and stops them when it closes. With
 * no service bean it installs no signal handler, and the launcher starts no thread.
 *
 * @since 0.1.0
 */
public final class ServiceBeansLifecycle extends LaunchingLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(ServiceBeansLifecycle.class);

	private static final String REFRESH_SCOPE = "refresh";

	private final ServiceLauncher launcher;

	private final ConfigurableListableBeanFactory beanFactory;

	/**
	 * Create the lifecycle of an application's service beans.
	 * @param launcher the launcher that runs them
	 * @param runtime the launcher's runtime
	 * @param beanFactory where the service beans are found
	 */
	public ServiceBeansLifecycle(ServiceLauncher launcher, LauncherRuntime runtime,
			ConfigurableListableBeanFactory beanFactory) {
		super(launcher, runtime);
		this.launcher = launcher;
		this.beanFactory = beanFactory;
	}

	@Override
	void launch() {
		long started = System.nanoTime();
		rejectRefreshScopedServices();
		List<Map.Entry<String, ServiceBase>> services = orderedServices();
		if (services.isEmpty()) {
			logger.warn("No ServiceBase beans found; the launcher has nothing to run");
		}
		else {
			handleSignals();
		}
		for (Map.Entry<String, ServiceBase> service : services) {
			try {
				this.launcher.launchService(service.getKey(), service.getValue());
			}
			catch (ServiceStartException ex) {
				throw new LauncherStartupException(ex);
			}
		}
		logger.info("Launched {} service(s) in {} ms: {}", services.size(),
				TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started),
				services.stream().map(Map.Entry::getKey).toList());
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
