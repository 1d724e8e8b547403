package dev.oslo.service.loopingcall;

/**
 * A looping call ran out of time (oslo's {@code LoopingCallTimeOut}).
 *
 * @since 0.1.0
 */
public class LoopingCallTimeoutException extends RuntimeException {

	private static final long serialVersionUID = 1L;

	/**
	 * Create the exception.
	 * @param message what timed out, and after how long
	 */
	public LoopingCallTimeoutException(String message) {
		super(message);
	}

}
