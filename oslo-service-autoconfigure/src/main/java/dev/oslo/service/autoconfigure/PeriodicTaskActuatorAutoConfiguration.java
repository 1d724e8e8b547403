package dev.oslo.service.autoconfigure;

import dev.oslo.service.actuate.PeriodicTaskTimer;
import dev.oslo.service.actuate.PeriodicTasksEndpoint;
import dev.oslo.service.actuate.PeriodicTasksEndpointWebExtension;
import dev.oslo.service.observation.PeriodicTaskObservations;
import dev.oslo.service.periodic.PeriodicTaskScheduler;
import io.micrometer.core.instrument.MeterRegistry;

import org.springframework.boot.actuate.autoconfigure.endpoint.condition.ConditionalOnAvailableEndpoint;
import org.springframework.boot.actuate.autoconfigure.endpoint.expose.EndpointExposure;
import org.springframework.boot.actuate.endpoint.annotation.Endpoint;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * Auto-configuration of the {@code periodictasks} endpoint (with its web extension) and
 * the {@code oslo.service.periodic.task} timer. Where the runs are observed
 * ({@link OsloServiceObservationAutoConfiguration}), the observation records that timer,
 * and this one backs off.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = { PeriodicTaskAutoConfiguration.class, OsloServiceObservationAutoConfiguration.class },
		afterName = "org.springframework.boot.micrometer.metrics.autoconfigure.CompositeMeterRegistryAutoConfiguration")
@ConditionalOnBooleanProperty(name = "oslo.service.enabled", matchIfMissing = true)
public final class PeriodicTaskActuatorAutoConfiguration {

	/**
	 * The endpoint.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ Endpoint.class, ConditionalOnAvailableEndpoint.class })
	@ConditionalOnBean(PeriodicTaskScheduler.class)
	static class EndpointConfiguration {

		@Bean
		@ConditionalOnAvailableEndpoint
		@ConditionalOnMissingBean
		PeriodicTasksEndpoint periodicTasksEndpoint(PeriodicTaskScheduler scheduler) {
			return new PeriodicTasksEndpoint(scheduler);
		}

		@Bean
		@ConditionalOnAvailableEndpoint(exposure = EndpointExposure.WEB)
		@ConditionalOnBean(PeriodicTasksEndpoint.class)
		@ConditionalOnMissingBean
		PeriodicTasksEndpointWebExtension periodicTasksEndpointWebExtension(PeriodicTasksEndpoint endpoint) {
			return new PeriodicTasksEndpointWebExtension(endpoint);
		}

	}

	/**
	 * The timer.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(MeterRegistry.class)
	@ConditionalOnBean(MeterRegistry.class)
	@ConditionalOnMissingBean(PeriodicTaskObservations.class)
	static class MetricsConfiguration {

		@Bean
		@ConditionalOnMissingBean
		PeriodicTaskTimer periodicTaskTimer(MeterRegistry registry) {
			return new PeriodicTaskTimer(registry);
		}

	}

}
