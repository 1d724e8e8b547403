package dev.oslo.service.internal.refresh;

import dev.oslo.service.InvalidConfigurationException;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.cloud.context.config.ContextRefreshedWithApplicationEvent;
import org.springframework.cloud.context.refresh.ConfigDataContextRefresher;
import org.springframework.cloud.context.scope.refresh.RefreshScope;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Builds what the environment would be after a refresh, without touching the live one: a
 * copy of its property sources, re-read by Spring Cloud's own
 * {@link ConfigDataContextRefresher} inside a scratch context that has no listeners, so
 * nothing is rebound.
 */
final class RefreshedEnvironmentPreview {

	private static final String ATTACHED_SOURCE = "configurationProperties";

	private RefreshedEnvironmentPreview() {
	}

	/**
	 * Re-read the configuration into a copy of {@code live}.
	 * @param live the application's environment, left as it is
	 * @param application the running application, which Spring Cloud's refresher reads
	 * settings from (such as the environment prefix)
	 * @return the copy, with the configuration files and imports as they are on disk now
	 * @throws InvalidConfigurationException if the configuration cannot be read (e.g.
	 * broken YAML)
	 */
	static ConfigurableEnvironment of(ConfigurableEnvironment live, SpringApplication application) {
		StandardEnvironment preview = new StandardEnvironment();
		preview.setActiveProfiles(live.getActiveProfiles());
		preview.setConversionService(live.getConversionService());
		MutablePropertySources sources = preview.getPropertySources();
		sources.forEach((source) -> sources.remove(source.getName()));
		for (PropertySource<?> source : live.getPropertySources()) {
			if (!ATTACHED_SOURCE.equals(source.getName())) {
				sources.addLast(source);
			}
		}
		try (GenericApplicationContext scratch = new GenericApplicationContext()) {
			scratch.setEnvironment(preview);
			scratch.refresh();
			ConfigDataContextRefresher refresher = new ConfigDataContextRefresher(scratch, new RefreshScope());
			refresher.onApplicationEvent(new ContextRefreshedWithApplicationEvent(application, new String[0], scratch));
			refresher.refreshEnvironment();
		}
		catch (RuntimeException ex) {
			throw new InvalidConfigurationException(
					"cannot read the configuration: " + NestedExceptionUtils.getMostSpecificCause(ex).getMessage(), ex);
		}
		ConfigurationPropertySources.attach(preview);
		return preview;
	}

}
