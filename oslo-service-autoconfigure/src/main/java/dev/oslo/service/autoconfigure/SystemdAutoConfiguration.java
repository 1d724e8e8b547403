package dev.oslo.service.autoconfigure;

import dev.oslo.service.systemd.NotifyTransports;
import dev.oslo.service.systemd.SystemdNotifier;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of systemd notification: when systemd started this process with
 * {@code NOTIFY_SOCKET} set, the launcher's runtime reports start-up, reloads, shutdown,
 * its status and watchdog pings through this {@link SystemdNotifier}. Only a single
 * process or a master notifies; workers never do.
 *
 * @since 0.1.0
 */
@AutoConfiguration(before = OsloServiceAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = { "oslo.service.enabled", "oslo.service.systemd.enabled" }, matchIfMissing = true)
@Conditional(OnProcessRoleCondition.Main.class)
public final class SystemdAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SystemdNotifier osloServiceSystemdNotifier(Environment environment) {
		return SystemdNotifier.fromEnvironment(environment::getProperty, NotifyTransports::detect);
	}

}
