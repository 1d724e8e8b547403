package dev.oslo.service;

import java.util.concurrent.CountDownLatch;

/**
 * A service for tests that does nothing until told to: its {@code start()} or
 * {@code reset()} can fail, and its {@code stop()} can hang until released.
 */
public class ControllableService implements ServiceBase {

	private final CountDownLatch stopReleased = new CountDownLatch(1);

	private volatile boolean failOnStart;

	private volatile boolean failOnReset;

	private volatile boolean hangOnStop;

	/**
	 * Make every later {@code start()} throw.
	 * @return this service
	 */
	public ControllableService failOnStart() {
		this.failOnStart = true;
		return this;
	}

	/**
	 * Make every later {@code reset()} throw, or stop doing so.
	 * @param fail whether to throw
	 */
	public void failOnReset(boolean fail) {
		this.failOnReset = fail;
	}

	/**
	 * Make {@code stop()} block until {@link #releaseStop()}.
	 * @return this service
	 */
	public ControllableService hangOnStop() {
		this.hangOnStop = true;
		return this;
	}

	/**
	 * Let a hanging {@code stop()} return.
	 */
	public void releaseStop() {
		this.stopReleased.countDown();
	}

	@Override
	public void start() {
		if (this.failOnStart) {
			throw new IllegalStateException(this + " cannot start");
		}
	}

	@Override
	public void stop() {
		if (this.hangOnStop) {
			try {
				this.stopReleased.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public void awaitTermination() {
	}

	@Override
	public void reset() {
		if (this.failOnReset) {
			throw new IllegalStateException("cannot reset");
		}
	}

}
