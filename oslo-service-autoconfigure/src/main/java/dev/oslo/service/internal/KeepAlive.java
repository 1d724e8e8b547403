package dev.oslo.service.internal;

import java.util.concurrent.CountDownLatch;

/**
 * One non-daemon thread that keeps the JVM running while there is work in it, even when
 * nothing else (a web server, a consumer's threads) would: a launcher's services, an
 * application's periodic tasks. {@link #release()} lets it end.
 *
 * @since 0.1.0
 */
public final class KeepAlive {

	private final CountDownLatch released = new CountDownLatch(1);

	private KeepAlive() {
	}

	/**
	 * Start keeping the JVM alive.
	 * @param name the thread's name, for thread dumps
	 * @return the keep-alive, to release when the work has ended
	 */
	public static KeepAlive start(String name) {
		KeepAlive keepAlive = new KeepAlive();
		Thread thread = new Thread(keepAlive::await, name);
		thread.setDaemon(false);
		thread.start();
		return keepAlive;
	}

	/**
	 * Let the thread end; later calls do nothing.
	 */
	public void release() {
		this.released.countDown();
	}

	private void await() {
		try {
			this.released.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
