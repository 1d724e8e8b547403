package dev.oslo.service.periodic;

import java.lang.reflect.Method;

/**
 * A {@link PeriodicTask} method as found on a class.
 *
 * @param name the task's name
 * @param method the method to call
 * @param spacing the spacing as written, before placeholders are resolved
 * @param runImmediately whether the first run is at once
 * @param externalProcessOk whether it is an external-process task
 * @param enabled whether the annotation enables it
 * @param clusterSingleton whether it runs once per cluster
 * @since 0.1.0
 */
public record PeriodicTaskDefinition(String name, Method method, String spacing, boolean runImmediately,
		boolean externalProcessOk, boolean enabled, boolean clusterSingleton) {

	static PeriodicTaskDefinition of(Method method, PeriodicTask annotation) {
		String name = annotation.name().isEmpty() ? method.getName() : annotation.name();
		return new PeriodicTaskDefinition(name, method, annotation.spacing(), annotation.runImmediately(),
				annotation.externalProcessOk(), annotation.enabled(), annotation.clusterSingleton());
	}

}
