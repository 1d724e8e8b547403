package dev.oslo.service.process;

import java.util.Locale;
import java.util.Optional;

/**
 * One line on the control channel: a keyword and an optional detail, e.g.
 * {@code RELOADED failed:
 * ...}. A detail may span lines: its line breaks and backslashes travel escaped
 * ({@code \n}, {@code \r}, {@code \\}).
 *
 * @param type what the line says
 * @param detail free text after the keyword, empty when there is none
 */
record ControlMessage(Type type, String detail) {

	/**
	 * The keywords: STANDBY, READY, HEARTBEAT, RELOADED, REREAD_DONE and THREADS go from
	 * worker to master, the others the other way.
	 */
	enum Type {

		/** A standby has booted up to its services and waits to be promoted. */
		STANDBY,

		/** Every service of the worker started. */
		READY,

		/** The worker is alive; sent every second. */
		HEARTBEAT,

		/**
		 * The worker finished a reload; the detail is {@code success} or
		 * {@code failed: reason}.
		 */
		RELOADED,

		/**
		 * An idle standby has re-read its configuration, in answer to {@link #REREAD};
		 * the detail is the master's configuration epoch it read.
		 */
		REREAD_DONE,

		/** The worker's thread stacks, in answer to {@link #THREAD_DUMP}. */
		THREADS,

		/** The master asks the worker to stop gracefully. */
		STOP,

		/**
		 * The master asks the worker to re-read its configuration and reset its services
		 * in place.
		 */
		MUTATE,

		/**
		 * The master asks the worker for its thread stacks, before it kills the worker
		 * for a missed deadline.
		 */
		THREAD_DUMP,

		/**
		 * The master has reloaded: an idle standby re-reads its configuration now, so
		 * that its promotion need not; the detail is the master's configuration epoch.
		 */
		REREAD,

		/**
		 * The master promotes a standby to a worker slot; the detail is a
		 * {@link WorkerChannel.Promotion}.
		 */
		PROMOTE

	}

	static ControlMessage of(Type type) {
		return new ControlMessage(type, "");
	}

	String encode() {
		return this.detail.isEmpty() ? this.type.name() : this.type.name() + " " + escape(this.detail);
	}

	/**
	 * Read a line; an unknown keyword gives empty so that a newer peer's messages are
	 * skipped.
	 */
	static Optional<ControlMessage> decode(String line) {
		int space = line.indexOf(' ');
		String keyword = (space < 0) ? line : line.substring(0, space);
		try {
			return Optional.of(new ControlMessage(Type.valueOf(keyword.toUpperCase(Locale.ROOT)),
					(space < 0) ? "" : unescape(line.substring(space + 1))));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

	private static String escape(String text) {
		return text.replace("\\", "\\\\").replace("\n", "\\n").replace("\r", "\\r");
	}

	private static String unescape(String text) {
		StringBuilder plain = new StringBuilder(text.length());
		for (int i = 0; i < text.length(); i++) {
			char next = text.charAt(i);
			if (next == '\\' && i + 1 < text.length()) {
				char escaped = text.charAt(++i);
				plain.append((escaped == 'n') ? '\n' : (escaped == 'r') ? '\r' : escaped);
			}
			else {
				plain.append(next);
			}
		}
		return plain.toString();
	}

}
