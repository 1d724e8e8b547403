package dev.oslo.service.periodic;

import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Finds the {@link PeriodicTask} methods of a class: inherited tasks first, then the
 * class's own, each class's in name order. A method overridden in a subclass is one task
 * (the subclass's annotation wins if it has one) and the override is what runs.
 *
 * @since 0.1.0
 */
public final class PeriodicTaskMethods {

	private PeriodicTaskMethods() {
	}

	/**
	 * Find the tasks of a class.
	 * @param type the class, e.g. a bean's user class
	 * @return the tasks, disabled ones included (see
	 * {@link PeriodicTaskDefinition#enabled()})
	 * @throws IllegalStateException if an annotated method is static or takes arguments
	 */
	public static List<PeriodicTaskDefinition> find(Class<?> type) {
		Deque<Class<?>> hierarchy = new ArrayDeque<>();
		for (Class<?> current = type; current != null && current != Object.class; current = current.getSuperclass()) {
			hierarchy.push(current);
		}
		Map<String, PeriodicTaskDefinition> byMethod = new LinkedHashMap<>();
		for (Class<?> declaring : hierarchy) {
			Method[] methods = declaring.getDeclaredMethods();
			Arrays.sort(methods, Comparator.comparing(Method::getName));
			for (Method method : methods) {
				PeriodicTask annotation = method.getAnnotation(PeriodicTask.class);
				if (annotation != null) {
					check(method);
					method.setAccessible(true);
					byMethod.put(method.getName(), PeriodicTaskDefinition.of(method, annotation));
				}
			}
		}
		List<PeriodicTaskDefinition> tasks = new ArrayList<>(byMethod.values());
		long distinctNames = tasks.stream().map(PeriodicTaskDefinition::name).distinct().count();
		if (distinctNames != tasks.size()) {
			throw new IllegalStateException("Two @PeriodicTask methods of " + type.getName() + " have the same name: "
					+ tasks.stream().map(PeriodicTaskDefinition::name).toList());
		}
		return tasks;
	}

	private static void check(Method method) {
		String where = method.getDeclaringClass().getName() + "." + method.getName();
		if (Modifier.isStatic(method.getModifiers())) {
			throw new IllegalStateException("@PeriodicTask method " + where + " must not be static");
		}
		if (method.getParameterCount() != 0) {
			throw new IllegalStateException("@PeriodicTask method " + where + " must take no arguments, takes "
					+ Arrays.toString(method.getParameterTypes()));
		}
	}

}
