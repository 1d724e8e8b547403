package dev.oslo.service.systemd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import java.util.function.Supplier;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends {@code sd_notify} messages to the service manager that started this process, when
 * it asked for them by setting {@code NOTIFY_SOCKET}; does nothing otherwise. A message
 * that cannot be sent is dropped: the first failure is logged as a warning, later ones
 * only at debug level, and the caller never sees an exception.
 *
 * @since 0.1.0
 */
public final class SystemdNotifier {

	/**
	 * The environment variables through which systemd talks to its main process; a master
	 * removes them from its workers' environment, so that it alone speaks for the
	 * service.
	 */
	public static final List<String> ENVIRONMENT = List.of("NOTIFY_SOCKET", "WATCHDOG_USEC", "WATCHDOG_PID");

	private static final Logger logger = LoggerFactory.getLogger(SystemdNotifier.class);

	private static final SystemdNotifier DISABLED = new SystemdNotifier(null, null, null);

	private final @Nullable NotifySocket socket;

	private final @Nullable NotifyTransport transport;

	private final @Nullable Duration watchdogTimeout;

	private final AtomicBoolean failureLogged = new AtomicBoolean();

	private SystemdNotifier(@Nullable NotifySocket socket, @Nullable NotifyTransport transport,
			@Nullable Duration watchdogTimeout) {
		this.socket = socket;
		this.transport = transport;
		this.watchdogTimeout = watchdogTimeout;
	}

	/**
	 * A notifier that tells systemd nothing, e.g. when notification is switched off.
	 * @return the disabled notifier
	 */
	public static SystemdNotifier disabled() {
		return DISABLED;
	}

	/**
	 * The notifier this process's environment asks for: enabled when
	 * {@code NOTIFY_SOCKET} names a usable socket and a {@link NotifyTransport} is
	 * available, with a watchdog when {@code WATCHDOG_USEC} is set for this process
	 * ({@code WATCHDOG_PID} unset or this pid). Anything unusable is logged once as a
	 * warning and leaves the notifier disabled.
	 * @param environment looks up an environment variable, e.g. {@code System::getenv}
	 * @param transports finds the transport; called only when {@code NOTIFY_SOCKET} is
	 * set
	 * @return the notifier
	 */
	public static SystemdNotifier fromEnvironment(Function<String, @Nullable String> environment,
			Supplier<Optional<NotifyTransport>> transports) {
		String value = environment.apply("NOTIFY_SOCKET");
		if (value == null || value.isBlank()) {
			return DISABLED;
		}
		NotifySocket socket;
		try {
			socket = NotifySocket.parse(value);
		}
		catch (IllegalArgumentException ex) {
			logger.warn("{}; not notifying systemd", ex.getMessage());
			return DISABLED;
		}
		Optional<NotifyTransport> transport = transports.get();
		if (transport.isEmpty()) {
			logger.warn("NOTIFY_SOCKET is set, but this JVM cannot send to systemd's datagram socket: on JDK 17 to 21 "
					+ "add the dependency net.java.dev.jna:jna (JDK 22 and later need none); not notifying systemd, "
					+ "so a Type=notify unit waits for READY=1 until its start times out");
			return DISABLED;
		}
		Duration watchdog = watchdogTimeout(environment);
		logger.info("Notifying systemd at {} through {}{}", socket, transport.get().name(),
				(watchdog != null) ? "; watchdog timeout " + watchdog.toMillis() + " ms" : "");
		return new SystemdNotifier(socket, transport.get(), watchdog);
	}

	/**
	 * A notifier that sends to a given socket through a given transport, with or without
	 * a watchdog.
	 * @param socket where to send
	 * @param transport how to send
	 * @param watchdogTimeout systemd's watchdog timeout, or {@code null} for none
	 * @return the notifier
	 */
	public static SystemdNotifier of(NotifySocket socket, NotifyTransport transport,
			@Nullable Duration watchdogTimeout) {
		return new SystemdNotifier(socket, transport, watchdogTimeout);
	}

	/**
	 * Whether messages are sent at all.
	 * @return {@code true} when systemd asked for them and they can be sent
	 */
	public boolean isEnabled() {
		return this.socket != null;
	}

	/**
	 * How long systemd waits for a {@code WATCHDOG=1} before it considers the service
	 * hung ({@code WatchdogSec=}).
	 * @return the timeout, or empty when no watchdog was asked for this process
	 */
	public Optional<Duration> watchdogTimeout() {
		return Optional.ofNullable(this.watchdogTimeout);
	}

	/**
	 * Send one message made of {@code KEY=VALUE} fields.
	 * @param fields the fields, e.g. {@code READY=1} and {@code STATUS=...}; a value must
	 * not hold a newline
	 * @return whether the message was sent
	 */
	public boolean send(List<String> fields) {
		NotifySocket target = this.socket;
		NotifyTransport sender = this.transport;
		if (target == null || sender == null) {
			return false;
		}
		try {
			sender.send(target, String.join("\n", fields).getBytes(StandardCharsets.UTF_8));
			return true;
		}
		catch (IOException | RuntimeException | LinkageError ex) {
			if (this.failureLogged.compareAndSet(false, true)) {
				logger.warn("Could not notify systemd at {}: {}; the service goes on, and further failures are "
						+ "logged at debug level", target, ex.getMessage());
			}
			else {
				logger.debug("Could not notify systemd at {}: {}", target, ex.getMessage());
			}
			return false;
		}
	}

	private static @Nullable Duration watchdogTimeout(Function<String, @Nullable String> environment) {
		String usec = environment.apply("WATCHDOG_USEC");
		if (usec == null || usec.isBlank()) {
			return null;
		}
		String pid = environment.apply("WATCHDOG_PID");
		try {
			if (pid != null && !pid.isBlank() && Long.parseLong(pid.trim()) != ProcessHandle.current().pid()) {
				logger.debug("WATCHDOG_PID={} is another process; no watchdog here", pid);
				return null;
			}
			long micros = Long.parseLong(usec.trim());
			if (micros <= 0) {
				throw new NumberFormatException("not positive");
			}
			return Duration.ofNanos(Math.multiplyExact(micros, 1000L));
		}
		catch (NumberFormatException | ArithmeticException ex) {
			logger.warn("WATCHDOG_USEC={} WATCHDOG_PID={} is not usable ({}); not pinging the systemd watchdog", usec,
					pid, ex.getMessage());
			return null;
		}
	}

}
