package dev.oslo.service.internal;

/**
 * How the launcher ends the process; replaceable so that tests can observe it.
 *
 * @since 0.1.0
 */
public interface ProcessExit {

	/**
	 * The JVM's own {@link System#exit}; a halt through the C library's {@code _exit}
	 * once {@link #prepare()} has linked it (else {@link Runtime#halt}, which waits up to
	 * 300 ms for threads in native code, such as a web server's acceptor).
	 */
	ProcessExit JVM = new ProcessExit() {

		@Override
		public void exit(int status) {
			System.exit(status);
		}

		@Override
		public void halt(int status) {
			FastHalt.halt(status);
		}

		@Override
		public void prepare() {
			FastHalt.prepare();
		}

	};

	/**
	 * End the process after running the shutdown hooks.
	 * @param status the exit status
	 */
	void exit(int status);

	/**
	 * End the process at once, without shutdown hooks: for a deadline that has passed or
	 * SIGINT.
	 * @param status the exit status
	 */
	void halt(int status);

	/**
	 * Get ready to {@link #halt} without delay, in the background; called once the
	 * process is ready. By default there is nothing to prepare.
	 */
	default void prepare() {
	}

}
