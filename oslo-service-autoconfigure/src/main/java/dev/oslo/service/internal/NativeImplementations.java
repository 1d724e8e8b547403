package dev.oslo.service.internal;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.util.ReflectionUtils;

/**
 * Picks the implementation of a native call this JVM can use: the Foreign Function and
 * Memory API on JDK 22 and later (compiled only when this library was built with JDK 22
 * or later), else JNA when it is on the class path. Each is loaded by name, so that
 * neither FFM's classes nor JNA's (an optional dependency) are touched where they are
 * missing.
 *
 * @since 0.1.0
 */
public final class NativeImplementations {

	private static final String JNA_LIBRARY = "com.sun.jna.Native";

	private static final Logger logger = LoggerFactory.getLogger(NativeImplementations.class);

	private NativeImplementations() {
	}

	/**
	 * The best implementation whose classes a class loader can see.
	 * @param <T> the type of the native calls
	 * @param type the type of the native calls
	 * @param ffm the class name of the FFM implementation
	 * @param jna the class name of the JNA implementation
	 * @param classLoader the application's class loader
	 * @return the implementation, or empty when there is none
	 */
	public static <T> Optional<T> detect(Class<T> type, String ffm, String jna, ClassLoader classLoader) {
		if (Runtime.version().feature() >= 22 && isPresent(ffm, classLoader)) {
			Optional<T> loaded = load(type, ffm);
			if (loaded.isPresent()) {
				return loaded;
			}
		}
		return isPresent(JNA_LIBRARY, classLoader) ? load(type, jna) : Optional.empty();
	}

	/**
	 * Load one implementation by name.
	 * @param <T> the type of the native calls
	 * @param type the type of the native calls
	 * @param className the implementation's class name, a class with a no-argument
	 * constructor in the same module as {@code type}
	 * @return the implementation, or empty when it cannot be loaded here
	 */
	public static <T> Optional<T> load(Class<T> type, String className) {
		try {
			Class<?> implementation = Class.forName(className, true, type.getClassLoader());
			return Optional.of(type.cast(ReflectionUtils.accessibleConstructor(implementation).newInstance()));
		}
		catch (ReflectiveOperationException | LinkageError | RuntimeException ex) {
			logger.debug("No {}: {}", className, ex.toString());
			return Optional.empty();
		}
	}

	private static boolean isPresent(String className, ClassLoader classLoader) {
		try {
			Class.forName(className, false, classLoader);
			return true;
		}
		catch (ClassNotFoundException | LinkageError ex) {
			logger.debug("No {}: {}", className, ex.toString());
			return false;
		}
	}

}
