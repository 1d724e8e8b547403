package dev.oslo.service.process;

import java.lang.management.LockInfo;
import java.lang.management.ManagementFactory;
import java.lang.management.MonitorInfo;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.Arrays;
import java.util.Objects;
import java.util.stream.Collectors;

/**
 * The stacks of every platform thread of this JVM as text, in the shape of the JVM's own
 * thread dump ({@code jstack}, SIGQUIT): each thread's name, id and state, the lock it
 * waits for and who holds it, every frame (with no limit, unlike
 * {@link ThreadInfo#toString()}), the monitors and synchronizers it holds, and the
 * threads caught in a deadlock. A worker sends it to its master, which logs it before
 * killing the worker. Virtual threads are not listed, as the JVM's own thread dump does
 * not list them either.
 */
final class ThreadDump {

	private static final String NEW_LINE = System.lineSeparator();

	private ThreadDump() {
	}

	static String ofThisJvm() {
		ThreadMXBean threads = ManagementFactory.getThreadMXBean();
		boolean synchronizers = threads.isSynchronizerUsageSupported();
		ThreadInfo[] infos = threads.dumpAllThreads(threads.isObjectMonitorUsageSupported(), synchronizers);
		StringBuilder dump = new StringBuilder(infos.length + " threads");
		long[] deadlocked = synchronizers ? threads.findDeadlockedThreads() : threads.findMonitorDeadlockedThreads();
		if (deadlocked != null) {
			dump.append("; in a deadlock: ")
				.append(Arrays.stream(threads.getThreadInfo(deadlocked))
					.filter(Objects::nonNull)
					.map(ThreadDump::name)
					.collect(Collectors.joining(", ")));
		}
		for (ThreadInfo info : infos) {
			dump.append(NEW_LINE).append(NEW_LINE);
			append(dump, info);
		}
		return dump.toString();
	}

	private static void append(StringBuilder dump, ThreadInfo info) {
		dump.append(name(info)).append(info.isDaemon() ? " daemon " : " ").append(info.getThreadState());
		LockInfo lock = info.getLockInfo();
		if (lock != null) {
			dump.append(" on ").append(lock);
			if (info.getLockOwnerName() != null) {
				dump.append(" held by \"").append(info.getLockOwnerName()).append("\" #").append(info.getLockOwnerId());
			}
		}
		if (info.isInNative()) {
			dump.append(" (in native code)");
		}
		StackTraceElement[] frames = info.getStackTrace();
		for (int depth = 0; depth < frames.length; depth++) {
			dump.append(NEW_LINE).append("\tat ");
			append(dump, frames[depth]);
			for (MonitorInfo monitor : info.getLockedMonitors()) {
				if (monitor.getLockedStackDepth() == depth) {
					dump.append(NEW_LINE).append("\t- locked ").append(monitor);
				}
			}
		}
		for (LockInfo synchronizer : info.getLockedSynchronizers()) {
			dump.append(NEW_LINE).append("\t- holds ").append(synchronizer);
		}
	}

	/**
	 * A frame as the JVM's own thread dump writes it:
	 * {@code java.lang.Thread.sleep(java.base@17/Native Method)}, without the class
	 * loader's name that {@link StackTraceElement#toString()} puts first.
	 */
	private static void append(StringBuilder dump, StackTraceElement frame) {
		dump.append(frame.getClassName()).append('.').append(frame.getMethodName()).append('(');
		if (frame.getModuleName() != null) {
			dump.append(frame.getModuleName());
			if (frame.getModuleVersion() != null) {
				dump.append('@').append(frame.getModuleVersion());
			}
			dump.append('/');
		}
		if (frame.isNativeMethod()) {
			dump.append("Native Method");
		}
		else if (frame.getFileName() == null) {
			dump.append("Unknown Source");
		}
		else {
			dump.append(frame.getFileName());
			if (frame.getLineNumber() >= 0) {
				dump.append(':').append(frame.getLineNumber());
			}
		}
		dump.append(')');
	}

	private static String name(ThreadInfo info) {
		return "\"" + info.getThreadName() + "\" #" + info.getThreadId();
	}

}
