package dev.oslo.service.autoconfigure;

import dev.oslo.service.Launcher;
import dev.oslo.service.ReloadCoordinator;
import dev.oslo.service.systemd.NotifyTransports;
import dev.oslo.service.systemd.SystemdLauncherNotifier;
import dev.oslo.service.systemd.SystemdNotifier;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.ApplicationContext;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;

/**
 * Auto-configuration of systemd notification: when systemd started this process with
 * {@code NOTIFY_SOCKET} set, the launcher reports start-up, reloads, shutdown, its status and
 * watchdog pings. Only a single process or a master notifies; workers never do.
 */
@AutoConfiguration(after = OsloServiceAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = "oslo.service.systemd.enabled", matchIfMissing = true)
@Conditional(OnProcessRoleCondition.Main.class)
@ConditionalOnBean(Launcher.class)
public final class SystemdAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SystemdNotifier osloServiceSystemdNotifier(Environment environment) {
		return SystemdNotifier.fromEnvironment(environment::getProperty, NotifyTransports::detect);
	}

	@Bean(destroyMethod = "close")
	SystemdLauncherNotifier osloServiceSystemdLauncherNotifier(SystemdNotifier notifier, Launcher launcher,
			ReloadCoordinator reloads) {
		SystemdLauncherNotifier launcherNotifier = new SystemdLauncherNotifier(notifier, launcher);
		reloads.addListener(launcherNotifier);
		return launcherNotifier;
	}

	@Bean
	SystemdApplicationListener osloServiceSystemdApplicationListener(SystemdLauncherNotifier notifier,
			ApplicationContext context) {
		return new SystemdApplicationListener(notifier, context);
	}

}
