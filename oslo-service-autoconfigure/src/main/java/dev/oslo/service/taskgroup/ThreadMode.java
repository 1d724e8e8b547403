package dev.oslo.service.taskgroup;

import java.lang.reflect.Method;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.atomic.AtomicInteger;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes a task group's threads: virtual threads where asked for and the JVM has them
 * (21+), daemon platform threads otherwise.
 */
final class ThreadMode {

	private static final Logger logger = LoggerFactory.getLogger(ThreadMode.class);

	private static final @Nullable Method OF_VIRTUAL = lookup("ofVirtual");

	private ThreadMode() {
	}

	static boolean virtualThreadsAvailable() {
		return OF_VIRTUAL != null;
	}

	static ThreadFactory factory(String prefix, boolean virtual) {
		if (virtual) {
			if (OF_VIRTUAL != null) {
				return virtualFactory(OF_VIRTUAL, prefix);
			}
			logger.info("Virtual threads need Java 21 or later; task group '{}' uses platform threads", prefix);
		}
		AtomicInteger number = new AtomicInteger();
		return (runnable) -> {
			Thread thread = new Thread(runnable, prefix + "-" + number.incrementAndGet());
			thread.setDaemon(true);
			return thread;
		};
	}

	private static ThreadFactory virtualFactory(Method ofVirtual, String prefix) {
		try {
			Object builder = ofVirtual.invoke(null);
			Class<?> builderType = Class.forName("java.lang.Thread$Builder");
			builder = builderType.getMethod("name", String.class, long.class).invoke(builder, prefix + "-", 1L);
			return (ThreadFactory) builderType.getMethod("factory").invoke(builder);
		}
		catch (ReflectiveOperationException ex) {
			throw new IllegalStateException("Cannot create virtual threads", ex);
		}
	}

	private static @Nullable Method lookup(String name) {
		try {
			return Thread.class.getMethod(name);
		}
		catch (NoSuchMethodException ex) {
			return null;
		}
	}

}
