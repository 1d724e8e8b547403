package dev.oslo.service.loopingcall;

import org.jspecify.annotations.Nullable;

/**
 * Thrown by a looping call's function to end the loop; {@link LoopingCall#await()} then
 * returns the value given here.
 *
 * @since 0.1.0
 */
public class LoopingCallDone extends RuntimeException {

	private static final long serialVersionUID = 1L;

	private final transient @Nullable Object value;

	/**
	 * End the loop with no value.
	 */
	public LoopingCallDone() {
		this(null);
	}

	/**
	 * End the loop with a value.
	 * @param value what {@link LoopingCall#await()} returns
	 */
	public LoopingCallDone(@Nullable Object value) {
		super("Looping call done", null, false, false);
		this.value = value;
	}

	/**
	 * The value the loop ended with.
	 * @return the value, or {@code null}
	 */
	public @Nullable Object value() {
		return this.value;
	}

}
