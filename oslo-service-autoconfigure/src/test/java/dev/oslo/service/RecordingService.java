package dev.oslo.service;

import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * A service that records its lifecycle calls in a shared journal, and can be told to fail on
 * start or to hang in {@code stop()}.
 */
class RecordingService implements ServiceBase {

	private final String name;

	private final List<String> journal;

	private volatile boolean failOnStart;

	private final CountDownLatch releaseStop = new CountDownLatch(1);

	private volatile boolean hangOnStop;

	RecordingService(String name, List<String> journal) {
		this.name = name;
		this.journal = journal;
	}

	RecordingService failingOnStart() {
		this.failOnStart = true;
		return this;
	}

	RecordingService hangingOnStop() {
		this.hangOnStop = true;
		return this;
	}

	void releaseStop() {
		this.releaseStop.countDown();
	}

	@Override
	public void start() {
		this.journal.add(this.name + ".start");
		if (this.failOnStart) {
			throw new IllegalStateException(this.name + " cannot start");
		}
	}

	@Override
	public void stop() {
		this.journal.add(this.name + ".stop");
		if (this.hangOnStop) {
			try {
				this.releaseStop.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}
	}

	@Override
	public void awaitTermination() {
		this.journal.add(this.name + ".await");
	}

	@Override
	public void reset() {
		this.journal.add(this.name + ".reset");
	}

}
