package dev.oslo.service.cluster;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.HexFormat;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How this replica names itself in a lock's {@code locked_by}: {@code host:pid}, so that
 * an operator can find the process, then {@code /} and 6 random hex digits, because
 * containers sharing a host name often all run Java as pid 1, and ShedLock releases a
 * lock by this name.
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
		return host + ":" + ProcessHandle.current().pid() + "/"
				+ HexFormat.of().toHexDigits(ThreadLocalRandom.current().nextInt()).substring(2);
	}

}
