package dev.oslo.bench;

import java.lang.reflect.Method;
import java.util.concurrent.ThreadFactory;

/**
 * Virtual-thread helpers reached by reflection, since the project compiles for Java 17.
 */
public final class Threads {

	private Threads() {
	}

	/** The JVM's feature version, e.g. 17 or 25. */
	public static int javaVersion() {
		return Runtime.version().feature();
	}

	/** Whether {@code thread} is a virtual thread ({@code false} before Java 21). */
	public static boolean isVirtual(Thread thread) {
		try {
			Method method = Thread.class.getMethod("isVirtual");
			return (boolean) method.invoke(thread);
		}
		catch (NoSuchMethodException ex) {
			return false;
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

	/** Fail unless this JVM has virtual threads, so that no figure is mislabelled. */
	public static void requireVirtualThreads() {
		if (javaVersion() < 21) {
			throw new IllegalStateException("virtual threads need Java 21+, this is Java " + javaVersion()
					+ " (TaskGroup would silently use platform threads)");
		}
	}

	/** {@code Thread.ofVirtual().factory()} by reflection. */
	public static ThreadFactory virtualFactory() {
		requireVirtualThreads();
		try {
			Object builder = Thread.class.getMethod("ofVirtual").invoke(null);
			return (ThreadFactory) Class.forName("java.lang.Thread$Builder").getMethod("factory").invoke(builder);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException(ex);
		}
	}

}
