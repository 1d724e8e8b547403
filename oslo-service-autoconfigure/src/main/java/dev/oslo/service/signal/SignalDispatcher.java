package dev.oslo.service.signal;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import sun.misc.Signal;
import sun.misc.SignalHandler;

/**
 * Installs POSIX signal handlers and runs their actions.
 * <p>
 * The JVM delivers each signal on a new thread; actions registered with {@link #onSignal}
 * run one at a time on a single thread of this dispatcher, whose context class loader is
 * the one of the thread that created the dispatcher (a signal thread's loader cannot see
 * a repackaged jar's libraries). Actions registered with {@link #onSignalImmediately} run
 * on the signal's own thread, for exits that must not queue behind a running action. A
 * signal that cannot be handled (ignored when the JVM started, as under {@code nohup}, or
 * reserved by {@code -Xrs}) is reported with a warning and left as it was.
 * {@link #close()} restores the previous handlers.
 *
 * @since 0.1.0
 */
public final class SignalDispatcher implements AutoCloseable {

	private static final Logger logger = LoggerFactory.getLogger(SignalDispatcher.class);

	private final ExecutorService actions;

	private final Map<Signal, SignalHandler> previous = new LinkedHashMap<>();

	/**
	 * Create a dispatcher whose serial actions run on a daemon thread with the given
	 * name.
	 * @param threadName the name of the thread that runs the actions
	 */
	public SignalDispatcher(String threadName) {
		ClassLoader loader = Thread.currentThread().getContextClassLoader();
		this.actions = Executors.newSingleThreadExecutor((runnable) -> {
			Thread thread = new Thread(runnable, threadName);
			thread.setDaemon(true);
			thread.setContextClassLoader(loader);
			return thread;
		});
	}

	/**
	 * Run {@code action} on the dispatcher's thread each time the signal arrives, after
	 * any action still running.
	 * @param name the signal's name without {@code SIG}, e.g. {@code TERM}
	 * @param action what to do
	 * @return whether the handler was installed
	 */
	public synchronized boolean onSignal(String name, Runnable action) {
		return install(name, (signal) -> this.actions.execute(action));
	}

	/**
	 * Run {@code action} on the signal's own thread each time the signal arrives.
	 * @param name the signal's name without {@code SIG}, e.g. {@code INT}
	 * @param action what to do
	 * @return whether the handler was installed
	 */
	public synchronized boolean onSignalImmediately(String name, Runnable action) {
		return install(name, (signal) -> action.run());
	}

	/**
	 * Restore the handlers that were there before, and stop the dispatcher's thread.
	 */
	@Override
	public synchronized void close() {
		this.previous.forEach(Signal::handle);
		this.previous.clear();
		this.actions.shutdown();
	}

	private boolean install(String name, SignalHandler handler) {
		Signal signal;
		SignalHandler old;
		try {
			signal = new Signal(name);
			old = Signal.handle(signal, handler);
		}
		catch (IllegalArgumentException ex) {
			logger.warn("SIG{} cannot be handled ({}); is the JVM running with -Xrs?", name, ex.getMessage());
			return false;
		}
		if (old == SignalHandler.SIG_IGN) {
			Signal.handle(signal, SignalHandler.SIG_IGN);
			logger.warn("SIG{} was ignored when the JVM started (nohup, or a background job of a non-interactive "
					+ "shell) and cannot be handled; it stays ignored", name);
			return false;
		}
		this.previous.putIfAbsent(signal, old);
		return true;
	}

}
