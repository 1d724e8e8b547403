package dev.oslo.service.internal;

/**
 * How the launcher ends the process; replaceable so that tests can observe it.
 *
 * @since 0.1.0
 */
public interface ProcessExit {

	/** The JVM's own {@link System#exit} and {@link Runtime#halt}. */
	ProcessExit JVM = new ProcessExit() {

		@Override
		public void exit(int status) {
			System.exit(status);
		}

		@Override
		public void halt(int status) {
			Runtime.getRuntime().halt(status);
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

}
