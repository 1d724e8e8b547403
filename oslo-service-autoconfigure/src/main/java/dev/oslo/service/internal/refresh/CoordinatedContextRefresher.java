package dev.oslo.service.internal.refresh;

import java.util.Set;
import java.util.function.Supplier;

import dev.oslo.service.InvalidConfigurationException;
import dev.oslo.service.ReloadCoordinator;
import dev.oslo.service.ReloadOutcome;
import dev.oslo.service.ReloadResult;
import dev.oslo.service.ReloadTrigger;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.SpringApplication;
import org.springframework.cloud.autoconfigure.RefreshAutoConfiguration.RefreshProperties;
import org.springframework.cloud.context.config.ContextRefreshedWithApplicationEvent;
import org.springframework.cloud.context.refresh.ConfigDataContextRefresher;
import org.springframework.cloud.context.refresh.ContextRefresher;
import org.springframework.cloud.context.scope.refresh.RefreshScope;
import org.springframework.cloud.endpoint.RefreshEndpoint;
import org.springframework.cloud.endpoint.event.RefreshEventListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * Spring Cloud's {@link ContextRefresher} whose {@link #refresh()} is a reload like
 * SIGHUP's: whoever calls it (the {@code refresh} endpoint, a {@code RefreshEvent},
 * Spring Cloud Bus, a Kubernetes configuration watcher) gets the new configuration
 * checked first, the refresh coalesced with any other reload, and the services restarted
 * or reset afterwards, by the {@link ReloadCoordinator}. The call returns once that
 * reload has ended, with its changed keys, or throws when it failed.
 * <p>
 * Before the services have started, and from the reload's own thread (a service's
 * {@code reset()}), {@code refresh()} is Spring Cloud's own: there is nothing to restart
 * yet, or the reload in progress restarts the services anyway.
 *
 * @since 0.1.0
 */
public class CoordinatedContextRefresher extends ConfigDataContextRefresher {

	private static final StackWalker callers = StackWalker.getInstance(StackWalker.Option.RETAIN_CLASS_REFERENCE);

	private final Supplier<@Nullable ReloadCoordinator> reloads;

	private final ConfigurableApplicationContext context;

	private volatile boolean applicationKnown;

	/**
	 * Create the refresher.
	 * @param context the application's context
	 * @param scope the refresh scope whose beans a refresh rebuilds
	 * @param properties Spring Cloud's refresh settings
	 * @param reloads the coordinator, asked for at each refresh (it depends on this
	 * refresher, so it cannot be given at construction)
	 */
	public CoordinatedContextRefresher(ConfigurableApplicationContext context, RefreshScope scope,
			RefreshProperties properties, Supplier<@Nullable ReloadCoordinator> reloads) {
		super(context, scope, properties);
		this.reloads = reloads;
		this.context = context;
	}

	@Override
	public void onApplicationEvent(ContextRefreshedWithApplicationEvent event) {
		super.onApplicationEvent(event);
		this.applicationKnown = true;
	}

	/**
	 * Reload through the coordinator and wait for the outcome.
	 * @return the keys whose values changed
	 * @throws InvalidConfigurationException if the new configuration failed its checks
	 * (nothing was applied)
	 * @throws IllegalStateException if the reload failed otherwise
	 */
	@Override
	public Set<String> refresh() {
		ReloadCoordinator coordinator = this.reloads.get();
		if (coordinator == null || !coordinator.isReady() || coordinator.isReloadingThread()) {
			return refreshNow();
		}
		ReloadResult result = coordinator.request(triggerFor(callers.getCallerClass())).join();
		if (result.outcome() == ReloadOutcome.SUCCESS) {
			return result.changedKeys();
		}
		String error = "Reload (" + result.trigger() + ") failed: " + result.error();
		throw result.configurationRejected() ? new InvalidConfigurationException(error)
				: new IllegalStateException(error);
	}

	/**
	 * Refresh the context at once, as Spring Cloud does, without the coordinator: the
	 * step a reload runs once the new configuration has passed its checks.
	 * @return the keys whose values changed
	 */
	public Set<String> refreshNow() {
		if (!this.applicationKnown
				&& this.context.getBeanFactory().containsSingleton(StandbyApplicationRecorder.BEAN_NAME)) {
			onApplicationEvent(
					new ContextRefreshedWithApplicationEvent((SpringApplication) this.context.getBeanFactory()
						.getSingleton(StandbyApplicationRecorder.BEAN_NAME), new String[0], this.context));
		}
		return super.refresh();
	}

	static ReloadTrigger triggerFor(Class<?> caller) {
		if (RefreshEventListener.class.isAssignableFrom(caller)) {
			return ReloadTrigger.REFRESH_EVENT;
		}
		if (RefreshEndpoint.class.isAssignableFrom(caller)) {
			return ReloadTrigger.REFRESH_ENDPOINT;
		}
		return ReloadTrigger.CONTEXT_REFRESHER;
	}

}
