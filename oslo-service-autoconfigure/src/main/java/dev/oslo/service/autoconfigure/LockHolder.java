package dev.oslo.service.autoconfigure;

import java.net.InetAddress;
import java.net.UnknownHostException;

/**
 * How this replica names itself in a lock's {@code locked_by}: {@code host:pid}, so that an
 * operator can find the process.
 */
final class LockHolder {

	private LockHolder() {
	}

	static String describe() {
		String host;
		try {
			host = InetAddress.getLocalHost().getHostName();
		}
		catch (UnknownHostException ex) {
			host = "unknown-host";
		}
		return host + ":" + ProcessHandle.current().pid();
	}

}
