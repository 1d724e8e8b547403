package dev.oslo.service;

import java.util.Set;

/**
 * Re-reads the configuration when a reload is asked for (SIGHUP). It checks the new
 * configuration before it applies anything: an invalid one throws and leaves the old one
 * in force.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface ConfigurationRefresher {

	/**
	 * Re-read, check and apply the configuration.
	 * @return the keys whose values changed
	 * @throws InvalidConfigurationException if the new configuration is invalid; nothing
	 * was applied
	 */
	Set<String> refresh();

}
