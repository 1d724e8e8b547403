package dev.oslo.service.autoconfigure;

import dev.oslo.service.systemd.NotifyTransports;
import dev.oslo.service.systemd.SystemdNotifier;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.core.env.Environment;
import org.springframework.core.io.ResourceLoader;

/**
 * Auto-configuration of systemd notification: when systemd started this process with
 * {@code NOTIFY_SOCKET} set, the launcher's runtime reports start-up, reloads, shutdown,
 * its status and watchdog pings through this {@link SystemdNotifier}. Only a single
 * process or a master notifies; workers never do. Sending takes FFM on JDK 22 and later,
 * JNA ({@code net.java.dev.jna:jna}, an opt-in dependency) before that; with neither, a
 * process started with {@code NOTIFY_SOCKET} logs a warning that names the dependency.
 *
 * @since 0.1.0
 */
@AutoConfiguration(before = OsloServiceAutoConfiguration.class)
@ConditionalOnBooleanProperty(name = { "oslo.service.enabled", "oslo.service.systemd.enabled" }, matchIfMissing = true)
@Conditional(OnProcessRoleCondition.Main.class)
public final class SystemdAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean
	SystemdNotifier osloServiceSystemdNotifier(Environment environment, ResourceLoader resourceLoader) {
		ClassLoader classLoader = resourceLoader.getClassLoader();
		return SystemdNotifier.fromEnvironment(environment::getProperty,
				() -> (classLoader != null) ? NotifyTransports.detect(classLoader) : NotifyTransports.detect());
	}

}
