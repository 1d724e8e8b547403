package dev.oslo.service.internal.refresh;

import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;

import dev.oslo.service.InvalidConfigurationException;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.BeanUtils;
import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.ConfigurationPropertiesBean;
import org.springframework.boot.context.properties.ConfigurationPropertiesBindHandlerAdvisor;
import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.bind.BindHandler;
import org.springframework.boot.context.properties.bind.BindMethod;
import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.boot.context.properties.bind.DataObjectPropertyName;
import org.springframework.boot.context.properties.bind.PropertySourcesPlaceholdersResolver;
import org.springframework.boot.context.properties.bind.handler.IgnoreErrorsBindHandler;
import org.springframework.boot.context.properties.bind.handler.IgnoreTopLevelConverterNotFoundBindHandler;
import org.springframework.boot.context.properties.bind.handler.NoUnboundElementsBindHandler;
import org.springframework.boot.context.properties.bind.validation.BindValidationException;
import org.springframework.boot.context.properties.bind.validation.ValidationBindHandler;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.context.properties.source.ConfigurationPropertyName;
import org.springframework.boot.context.properties.source.ConfigurationPropertySource;
import org.springframework.boot.context.properties.source.ConfigurationPropertySources;
import org.springframework.boot.convert.ApplicationConversionService;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.NestedExceptionUtils;
import org.springframework.core.convert.ConversionService;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.util.ClassUtils;
import org.springframework.validation.FieldError;
import org.springframework.validation.Validator;
import org.springframework.validation.annotation.Validated;
import org.springframework.validation.beanvalidation.SpringValidatorAdapter;

/**
 * Binds every {@code @ConfigurationProperties} bean of the application afresh against an
 * environment, into new objects, with the same checks Spring Boot applies at start-up
 * (setter exceptions, conversion, {@code @Validated} constraints, self-validation, the
 * bind handler advisors' validators), so that an invalid value is caught before anything
 * is applied.
 */
final class ConfigurationPropertiesCheck {

	private static final boolean BEAN_VALIDATION_PRESENT = ClassUtils.isPresent("jakarta.validation.Validator",
			ConfigurationPropertiesCheck.class.getClassLoader());

	private final ConfigurableApplicationContext context;

	ConfigurationPropertiesCheck(ConfigurableApplicationContext context) {
		this.context = context;
	}

	/**
	 * Bind and check every {@code @ConfigurationProperties} bean against
	 * {@code environment}.
	 * @param environment the environment to check
	 * @throws InvalidConfigurationException naming the property, its value and origin,
	 * and why
	 */
	void check(ConfigurableEnvironment environment) {
		Binder binder = new Binder(ConfigurationPropertySources.get(environment),
				new PropertySourcesPlaceholdersResolver(environment), conversionServices(), null, null, null);
		for (ConfigurationPropertiesBean bean : ConfigurationPropertiesBean.getAll(this.context).values()) {
			Bindable<Object> target = freshTarget(bean);
			if (target != null) {
				try {
					binder.bind(bean.getAnnotation().prefix(), target, handler(bean));
				}
				catch (BindException ex) {
					throw new InvalidConfigurationException(describe(ex, environment), ex);
				}
			}
		}
	}

	@SuppressWarnings("unchecked")
	private static @Nullable Bindable<Object> freshTarget(ConfigurationPropertiesBean bean) {
		Bindable<?> live = bean.asBindTarget();
		Class<Object> type = (Class<Object>) live.getType().resolve(Object.class);
		Bindable<Object> fresh = Bindable.of(type).withAnnotations(live.getAnnotations());
		if (live.getBindMethod() == BindMethod.VALUE_OBJECT) {
			return fresh.withBindMethod(BindMethod.VALUE_OBJECT);
		}
		try {
			return fresh.withExistingValue(BeanUtils.instantiateClass(type));
		}
		catch (RuntimeException ex) {
			return null;
		}
	}

	private BindHandler handler(ConfigurationPropertiesBean bean) {
		ConfigurationProperties annotation = bean.getAnnotation();
		BindHandler handler = new IgnoreTopLevelConverterNotFoundBindHandler();
		if (annotation.ignoreInvalidFields()) {
			handler = new IgnoreErrorsBindHandler(handler);
		}
		if (!annotation.ignoreUnknownFields()) {
			handler = new NoUnboundElementsBindHandler(handler);
		}
		List<Validator> validators = validators(bean);
		if (!validators.isEmpty()) {
			handler = new ValidationBindHandler(handler, validators.toArray(Validator[]::new));
		}
		for (ConfigurationPropertiesBindHandlerAdvisor advisor : this.context
			.getBeanProvider(ConfigurationPropertiesBindHandlerAdvisor.class)
			.orderedStream()
			.toList()) {
			handler = advisor.apply(handler);
		}
		return handler;
	}

	private List<Validator> validators(ConfigurationPropertiesBean bean) {
		List<Validator> validators = new ArrayList<>();
		if (BEAN_VALIDATION_PRESENT && bean.asBindTarget().getAnnotation(Validated.class) != null) {
			jakarta.validation.Validator beanValidator = this.context
				.getBeanProvider(jakarta.validation.Validator.class)
				.getIfAvailable();
			if (beanValidator != null) {
				validators.add(new SpringValidatorAdapter(beanValidator));
			}
		}
		if (bean.getInstance() instanceof Validator self && self.supports(bean.getInstance().getClass())) {
			validators.add(self);
		}
		return validators;
	}

	private List<ConversionService> conversionServices() {
		List<ConversionService> services = new ArrayList<>();
		ConfigurableListableBeanFactory beanFactory = this.context.getBeanFactory();
		if (beanFactory.getConversionService() != null) {
			services.add(beanFactory.getConversionService());
		}
		services.add(ApplicationConversionService.getSharedInstance());
		return services;
	}

	private static String describe(BindException ex, ConfigurableEnvironment environment) {
		if (ex.getCause() instanceof BindValidationException validation) {
			return validation.getValidationErrors()
				.getAllErrors()
				.stream()
				.map((error) -> (error instanceof FieldError field) ? describe(field, environment)
						: error.getDefaultMessage())
				.collect(Collectors.joining("; "));
		}
		ConfigurationProperty property = ex.getProperty();
		String reason = NestedExceptionUtils.getMostSpecificCause(ex).getMessage();
		if (property == null) {
			return ex.getName() + ": " + reason;
		}
		String origin = (property.getOrigin() != null) ? " (" + property.getOrigin() + ")" : "";
		return property.getName() + "=\"" + property.getValue() + "\"" + origin + ": " + reason;
	}

	/**
	 * A validator's error, with the value as the configuration spells it (the validator
	 * sees the converted one, e.g. {@code PT-5S} for {@code -5s}).
	 */
	private static String describe(FieldError field, ConfigurableEnvironment environment) {
		String name = field.getObjectName() + "." + DataObjectPropertyName.toDashedForm(field.getField());
		Object value = field.getRejectedValue();
		for (ConfigurationPropertySource source : ConfigurationPropertySources.get(environment)) {
			ConfigurationProperty property = ConfigurationPropertyName.isValid(name)
					? source.getConfigurationProperty(ConfigurationPropertyName.of(name)) : null;
			if (property != null) {
				value = property.getValue();
				break;
			}
		}
		return name + "=\"" + value + "\": " + field.getDefaultMessage();
	}

}
