package dev.oslo.service.process;

import java.util.Locale;
import java.util.Optional;

/**
 * One line on the control channel: a keyword and an optional detail, e.g.
 * {@code RELOADED failed:
 * ...}.
 *
 * @param type what the line says
 * @param detail free text after the keyword, empty when there is none
 */
record ControlMessage(Type type, String detail) {

	/**
	 * The keywords; the first four go from worker to master, the others the other way.
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

		/** The master asks the worker to stop gracefully. */
		STOP,

		/**
		 * The master asks the worker to re-read its configuration and reset its services
		 * in place.
		 */
		MUTATE,

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
		String line = this.detail.isEmpty() ? this.type.name() : this.type.name() + " " + this.detail;
		return line.replace('\n', ' ').replace('\r', ' ');
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
					(space < 0) ? "" : line.substring(space + 1)));
		}
		catch (IllegalArgumentException ex) {
			return Optional.empty();
		}
	}

}
