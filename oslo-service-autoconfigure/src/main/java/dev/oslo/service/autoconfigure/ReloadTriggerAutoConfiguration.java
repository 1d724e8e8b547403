package dev.oslo.service.autoconfigure;

import dev.oslo.service.ReloadCoordinator;
import dev.oslo.service.internal.refresh.CoordinatedContextRefresher;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.cloud.autoconfigure.RefreshAutoConfiguration.RefreshProperties;
import org.springframework.cloud.context.refresh.ConfigDataContextRefresher;
import org.springframework.cloud.context.refresh.ContextRefresher;
import org.springframework.cloud.context.scope.refresh.RefreshScope;
import org.springframework.cloud.util.ConditionalOnBootstrapDisabled;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration that makes every Spring Cloud refresh a reload: it provides the
 * application's {@link ContextRefresher} (in place of Spring Cloud's own, which backs
 * off), so that {@code POST /actuator/refresh}, a {@code RefreshEvent}, Spring Cloud Bus
 * or a Kubernetes configuration watcher take the path SIGHUP takes: checked, coalesced,
 * then the services restarted or reset. An application that defines its own
 * {@code ContextRefresher}, or runs Spring Cloud's legacy bootstrap, keeps it; only
 * SIGHUP and the {@code launcher} endpoint then reset its services.
 *
 * @since 0.1.0
 */
@AutoConfiguration(beforeName = "org.springframework.cloud.autoconfigure.RefreshAutoConfiguration")
@ConditionalOnClass({ ConfigDataContextRefresher.class, RefreshScope.class })
@ConditionalOnBooleanProperty(name = "spring.cloud.refresh.enabled", matchIfMissing = true)
@ConditionalOnBooleanProperty(name = "oslo.service.enabled", matchIfMissing = true)
@EnableConfigurationProperties(RefreshProperties.class)
public final class ReloadTriggerAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(ContextRefresher.class)
	@ConditionalOnBootstrapDisabled
	CoordinatedContextRefresher osloServiceContextRefresher(ConfigurableApplicationContext context, RefreshScope scope,
			RefreshProperties properties, ObjectProvider<ReloadCoordinator> reloads) {
		return new CoordinatedContextRefresher(context, scope, properties, reloads::getIfAvailable);
	}

}
