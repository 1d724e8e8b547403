package dev.oslo.service.autoconfigure;

import dev.oslo.service.ServiceCallDecorator;
import dev.oslo.service.observation.PeriodicTaskObservationConvention;
import dev.oslo.service.observation.PeriodicTaskObservations;
import dev.oslo.service.observation.ReloadObservationConvention;
import dev.oslo.service.observation.ReloadObservations;
import dev.oslo.service.observation.ServiceObservationConvention;
import dev.oslo.service.observation.ServiceObservations;
import dev.oslo.service.periodic.TaskRunDecorator;
import io.micrometer.observation.ObservationRegistry;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;

/**
 * Auto-configuration of the Micrometer observations of periodic task runs, of services'
 * starts and stops, and of configuration reloads, where the application has an
 * {@link ObservationRegistry} (Spring Boot's, with Actuator). A
 * {@link PeriodicTaskObservationConvention}, {@link ServiceObservationConvention} or
 * {@link ReloadObservationConvention} bean replaces the default names and keys.
 *
 * @since 0.1.0
 */
@AutoConfiguration(
		afterName = "org.springframework.boot.micrometer.observation.autoconfigure.ObservationAutoConfiguration")
@ConditionalOnClass(ObservationRegistry.class)
@ConditionalOnBean(ObservationRegistry.class)
@ConditionalOnBooleanProperty(name = "oslo.service.enabled", matchIfMissing = true)
public final class OsloServiceObservationAutoConfiguration {

	@Bean
	@ConditionalOnMissingBean(TaskRunDecorator.class)
	PeriodicTaskObservations osloPeriodicTaskObservations(ObservationRegistry registry,
			ObjectProvider<PeriodicTaskObservationConvention> convention) {
		return new PeriodicTaskObservations(registry, convention.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean(ServiceCallDecorator.class)
	ServiceObservations osloServiceObservations(ObservationRegistry registry,
			ObjectProvider<ServiceObservationConvention> convention) {
		return new ServiceObservations(registry, convention.getIfAvailable());
	}

	@Bean
	@ConditionalOnMissingBean
	ReloadObservations osloReloadObservations(ObservationRegistry registry,
			ObjectProvider<ReloadObservationConvention> convention) {
		return new ReloadObservations(registry, convention.getIfAvailable());
	}

}
