package dev.oslo.bench.periodic;

import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.List;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.beans.factory.support.BeanDefinitionRegistry;
import org.springframework.beans.factory.support.BeanDefinitionRegistryPostProcessor;
import org.springframework.beans.factory.support.RootBeanDefinition;
import org.springframework.boot.autoconfigure.condition.ConditionalOnProperty;
import org.springframework.boot.convert.DurationStyle;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.env.Environment;

/**
 * {@code bench.mode=many}: {@code bench.tasks} tasks (default 10 000) in generated classes of
 * {@code bench.tasks-per-class} methods (default 100), one singleton bean per class
 * ({@code benchTasks000}, ...), for {@code bench.scheduler} = {@code oslo}, {@code spring} or
 * {@code none}. See {@link TaskClassGenerator}.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnProperty(name = "bench.mode", havingValue = "many")
class ManyTasksConfiguration {

	@Bean
	static BeanDefinitionRegistryPostProcessor benchTaskBeans(Environment environment) {
		int tasks = environment.getProperty("bench.tasks", Integer.class, 10_000);
		int perClass = environment.getProperty("bench.tasks-per-class", Integer.class, 100);
		String scheduler = environment.getRequiredProperty("bench.scheduler");
		Duration spacing = DurationStyle.detectAndParse(environment.getProperty("bench.spacing", "60s"),
				ChronoUnit.SECONDS);
		return new BeanDefinitionRegistryPostProcessor() {

			@Override
			public void postProcessBeanDefinitionRegistry(BeanDefinitionRegistry registry) {
				List<Class<?>> classes = TaskClassGenerator.generate(scheduler, tasks, perClass, spacing.toMillis(),
						ManyTasksConfiguration.class.getClassLoader());
				for (int c = 0; c < classes.size(); c++) {
					registry.registerBeanDefinition(String.format("benchTasks%03d", c),
							new RootBeanDefinition(classes.get(c)));
				}
				System.out.println("BENCH-GENERATED classes=" + classes.size() + " tasks=" + tasks + " scheduler="
						+ scheduler + " spacing=" + spacing);
			}

			@Override
			public void postProcessBeanFactory(ConfigurableListableBeanFactory beanFactory) {
			}

		};
	}

}
