package dev.oslo.service.internal.boot;

import dev.oslo.service.process.ListeningSocket;

import org.springframework.context.SmartLifecycle;

/**
 * Drops the master's reference to the listening socket it shares with its workers as soon
 * as the application begins to stop, before the workers are told to: the socket then
 * closes with the last worker that stops accepting, and connections that arrive after
 * that are refused at once instead of waiting in a queue that nobody reads.
 *
 * @since 0.1.0
 */
public final class ListeningSocketLifecycle implements SmartLifecycle {

	private final ListeningSocket socket;

	private volatile boolean running;

	/**
	 * Create the lifecycle of the master's socket.
	 * @param socket the socket the workers share
	 */
	public ListeningSocketLifecycle(ListeningSocket socket) {
		this.socket = socket;
	}

	@Override
	public void start() {
		this.running = true;
	}

	@Override
	public void stop() {
		this.socket.close();
		this.running = false;
	}

	@Override
	public boolean isRunning() {
		return this.running;
	}

	/**
	 * Above the workers' lifecycle, so that it stops before the workers are told to.
	 */
	@Override
	public int getPhase() {
		return LaunchingLifecycle.PHASE + 1;
	}

}
