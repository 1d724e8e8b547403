package dev.oslo.service.systemd;

import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Finds the {@link NotifyTransport} this JVM can use. Each is loaded by name, so that
 * neither FFM's classes (JDK 22) nor JNA's (an optional dependency) are touched where
 * they are missing.
 *
 * @since 0.1.0
 */
public final class NotifyTransports {

	static final String FFM = "dev.oslo.service.systemd.FfmNotifyTransport";

	static final String JNA = "dev.oslo.service.systemd.JnaNotifyTransport";

	private static final String JNA_LIBRARY = "com.sun.jna.Native";

	private static final Logger logger = LoggerFactory.getLogger(NotifyTransports.class);

	private NotifyTransports() {
	}

	/**
	 * The best transport this JVM has: FFM on JDK 22 and later (when this library was
	 * built with JDK 22 or later), else JNA when it is on the class path.
	 * @return the transport, or empty when there is none
	 */
	public static Optional<NotifyTransport> detect() {
		return detect(NotifyTransports.class.getClassLoader());
	}

	/**
	 * The best transport whose classes a class loader can see: FFM on JDK 22 and later
	 * (when this library was built with JDK 22 or later), else JNA.
	 * @param classLoader the application's class loader
	 * @return the transport, or empty when there is none
	 */
	public static Optional<NotifyTransport> detect(ClassLoader classLoader) {
		if (Runtime.version().feature() >= 22 && isPresent(FFM, classLoader)) {
			Optional<NotifyTransport> ffm = load(FFM);
			if (ffm.isPresent()) {
				return ffm;
			}
		}
		return isPresent(JNA_LIBRARY, classLoader) ? load(JNA) : Optional.empty();
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

	static Optional<NotifyTransport> load(String className) {
		try {
			Class<?> type = Class.forName(className, true, NotifyTransports.class.getClassLoader());
			return Optional.of((NotifyTransport) type.getDeclaredConstructor().newInstance());
		}
		catch (ReflectiveOperationException | LinkageError | RuntimeException ex) {
			logger.debug("No {}: {}", className, ex.toString());
			return Optional.empty();
		}
	}

}
