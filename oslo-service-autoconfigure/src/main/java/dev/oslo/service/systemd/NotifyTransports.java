package dev.oslo.service.systemd;

import java.util.Optional;

import dev.oslo.service.internal.NativeImplementations;

/**
 * Finds the {@link NotifyTransport} this JVM can use: FFM on JDK 22 and later, else JNA
 * (see {@link NativeImplementations}).
 *
 * @since 0.1.0
 */
public final class NotifyTransports {

	static final String FFM = "dev.oslo.service.systemd.FfmNotifyTransport";

	static final String JNA = "dev.oslo.service.systemd.JnaNotifyTransport";

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
		return NativeImplementations.detect(NotifyTransport.class, FFM, JNA, classLoader);
	}

	static Optional<NotifyTransport> load(String className) {
		return NativeImplementations.load(NotifyTransport.class, className);
	}

}
