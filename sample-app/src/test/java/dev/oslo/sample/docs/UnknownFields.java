package dev.oslo.sample.docs;

import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * The fields of a manifest that its Kubernetes type does not have. The model keeps them
 * in {@code additionalProperties} rather than failing, as the API server does with
 * {@code kubectl apply}'s strict field validation ({@code unknown field "spec.selectr"}).
 */
final class UnknownFields {

	private static final String MODEL_PACKAGE = "io.fabric8.kubernetes.api.model";

	private static final String ADDITIONAL_PROPERTIES = "getAdditionalProperties";

	private UnknownFields() {
	}

	static List<String> in(Object resource) {
		List<String> errors = new ArrayList<>();
		collect(resource, "", errors);
		return errors;
	}

	private static void collect(Object value, String path, List<String> errors) {
		if (value instanceof List<?> list) {
			for (int i = 0; i < list.size(); i++) {
				collectChild(list.get(i), path + "[" + i + "]", errors);
			}
			return;
		}
		if (value instanceof Map<?, ?> map) {
			map.forEach((key, child) -> collectChild(child, join(path, String.valueOf(key)), errors));
			return;
		}
		if (!value.getClass().getPackageName().startsWith(MODEL_PACKAGE)) {
			return;
		}
		for (Method getter : getters(value.getClass())) {
			Object child = invoke(getter, value);
			if (getter.getName().equals(ADDITIONAL_PROPERTIES)) {
				((Map<?, ?>) child).keySet()
					.forEach((field) -> errors.add(join(path, String.valueOf(field)) + ": unknown field"));
			}
			else {
				collectChild(child, join(path, propertyName(getter)), errors);
			}
		}
	}

	private static void collectChild(Object child, String path, List<String> errors) {
		if (child != null) {
			collect(child, path, errors);
		}
	}

	private static List<Method> getters(Class<?> type) {
		return Arrays.stream(type.getMethods())
			.filter((method) -> method.getName().startsWith("get") && method.getParameterCount() == 0)
			.filter((method) -> !Modifier.isStatic(method.getModifiers()) && method.getDeclaringClass() != Object.class)
			.sorted(Comparator.comparing(Method::getName))
			.toList();
	}

	private static Object invoke(Method getter, Object target) {
		try {
			return getter.invoke(target);
		}
		catch (IllegalAccessException | InvocationTargetException ex) {
			throw new IllegalStateException("Cannot read " + getter, ex);
		}
	}

	private static String propertyName(Method getter) {
		String name = getter.getName().substring(3);
		return Character.toLowerCase(name.charAt(0)) + name.substring(1);
	}

	private static String join(String path, String field) {
		return path.isEmpty() ? field : path + "." + field;
	}

}
