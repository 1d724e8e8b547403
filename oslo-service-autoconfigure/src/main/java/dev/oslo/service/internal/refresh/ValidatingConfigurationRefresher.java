package dev.oslo.service.internal.refresh;

import java.util.Set;
import java.util.function.Supplier;

import dev.oslo.service.ConfigurationRefresher;

import org.springframework.boot.SpringApplication;
import org.springframework.cloud.context.config.ContextRefreshedWithApplicationEvent;
import org.springframework.cloud.context.refresh.ContextRefresher;
import org.springframework.context.ApplicationListener;
import org.springframework.context.ConfigurableApplicationContext;

/**
 * A reload's configuration step on Spring Cloud's {@link ContextRefresher}: first re-read
 * the configuration into a copy of the environment and bind every
 * {@code @ConfigurationProperties} bean afresh against it; only when all of that
 * succeeds, {@code refresh()} the live context (configuration files and imports re-read,
 * properties rebound, {@code @RefreshScope} beans rebuilt, logging levels applied).
 * Spring Cloud resets a properties bean to its defaults before it rebinds it, so checking
 * first is what keeps an invalid file from silently resetting values.
 *
 * @since 0.1.0
 */
public final class ValidatingConfigurationRefresher
		implements ConfigurationRefresher, ApplicationListener<ContextRefreshedWithApplicationEvent> {

	private final ConfigurableApplicationContext context;

	private final Supplier<Set<String>> apply;

	private final ConfigurationPropertiesCheck check;

	private volatile SpringApplication application = new SpringApplication();

	/**
	 * Create the refresher of an application.
	 * @param context the application's context, whose environment is previewed and
	 * refreshed
	 * @param contextRefresher Spring Cloud's refresher of that context
	 */
	public ValidatingConfigurationRefresher(ConfigurableApplicationContext context, ContextRefresher contextRefresher) {
		this.context = context;
		this.apply = (contextRefresher instanceof CoordinatedContextRefresher coordinated) ? coordinated::refreshNow
				: contextRefresher::refresh;
		this.check = new ConfigurationPropertiesCheck(context);
	}

	@Override
	public void onApplicationEvent(ContextRefreshedWithApplicationEvent event) {
		this.application = event.getSpringApplication();
	}

	@Override
	public Set<String> refresh() {
		this.check.check(RefreshedEnvironmentPreview.of(this.context.getEnvironment(), this.application));
		return this.apply.get();
	}

}
