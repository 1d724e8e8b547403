package dev.oslo.service.systemd;

import java.util.Map;

/**
 * Names for the Linux error numbers a notification can fail with. Named here rather than
 * through {@code strerror}, whose text follows the process locale and whose buffer is not
 * thread-safe everywhere.
 */
final class Errno {

	private static final Map<Integer, String> NAMES = Map.ofEntries(Map.entry(1, "EPERM"), Map.entry(2, "ENOENT"),
			Map.entry(4, "EINTR"), Map.entry(9, "EBADF"), Map.entry(11, "EAGAIN"), Map.entry(12, "ENOMEM"),
			Map.entry(13, "EACCES"), Map.entry(20, "ENOTDIR"), Map.entry(22, "EINVAL"), Map.entry(23, "ENFILE"),
			Map.entry(24, "EMFILE"), Map.entry(90, "EMSGSIZE"), Map.entry(91, "EPROTOTYPE"),
			Map.entry(97, "EAFNOSUPPORT"), Map.entry(105, "ENOBUFS"), Map.entry(111, "ECONNREFUSED"));

	private Errno() {
	}

	/**
	 * Describe an error number, e.g. "ENOENT (errno 2)".
	 * @param errno the value of {@code errno} after the failed call
	 * @return its name where known, and the number
	 */
	static String describe(int errno) {
		String name = NAMES.get(errno);
		return (name != null) ? name + " (errno " + errno + ")" : "errno " + errno;
	}

}
