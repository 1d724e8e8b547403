package dev.oslo.service.internal.periodic;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

import dev.oslo.service.periodic.PeriodicTaskDefinition;
import dev.oslo.service.periodic.PeriodicTaskMethods;

import org.springframework.aop.support.AopUtils;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.util.ReflectionUtils;

/**
 * Finds the {@code @PeriodicTask} methods of every bean, proxied beans included (the
 * method is called on the proxy, so advice such as transactions applies). An annotated
 * method that is static or takes arguments fails start-up, naming the class and the
 * method.
 *
 * @since 0.1.0
 */
public final class PeriodicTaskRegistrar implements BeanPostProcessor {

	private final List<FoundTask> found = new ArrayList<>();

	@Override
	public Object postProcessAfterInitialization(Object bean, String beanName) {
		for (PeriodicTaskDefinition definition : PeriodicTaskMethods.find(AopUtils.getTargetClass(bean))) {
			Method invocable = AopUtils.selectInvocableMethod(definition.method(), bean.getClass());
			ReflectionUtils.makeAccessible(invocable);
			synchronized (this.found) {
				this.found.add(new FoundTask(definition, () -> ReflectionUtils.invokeMethod(invocable, bean)));
			}
		}
		return bean;
	}

	/**
	 * The tasks found so far.
	 * @return the tasks, in the order their beans were initialized
	 */
	public List<FoundTask> found() {
		synchronized (this.found) {
			return List.copyOf(this.found);
		}
	}

	/**
	 * A task method and how to call it.
	 *
	 * @param definition the annotated method
	 * @param work calls it on its bean
	 */
	public record FoundTask(PeriodicTaskDefinition definition, Runnable work) {
	}

}
