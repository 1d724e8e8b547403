package dev.oslo.bench.plain;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.context.SmartLifecycle;
import org.springframework.stereotype.Component;

/**
 * The sample's WorkQueueService as a plain {@link SmartLifecycle}: a consumer thread of its own,
 * and a {@code stop()} that drains the work in flight for {@code plain.work-queue.drain-time} and
 * then waits for the thread.
 */
@Component
public class WorkQueueLifecycle implements SmartLifecycle {

	private static final Logger logger = LoggerFactory.getLogger(WorkQueueLifecycle.class);

	private final PlainProperties properties;

	private final AtomicLong processed = new AtomicLong();

	private volatile CountDownLatch stopRequested = new CountDownLatch(1);

	private volatile Thread consumer;

	public WorkQueueLifecycle(PlainProperties properties) {
		this.properties = properties;
	}

	@Override
	public void start() {
		this.stopRequested = new CountDownLatch(1);
		Thread thread = new Thread(this::consume, "work-queue");
		thread.setDaemon(true);
		this.consumer = thread;
		thread.start();
	}

	@Override
	public void stop() {
		this.stopRequested.countDown();
		long drainMillis = this.properties.getWorkQueue().getDrainTime().toMillis();
		logger.info("work-queue draining the work in flight ({} ms)", drainMillis);
		try {
			Thread.sleep(drainMillis);
			Thread thread = this.consumer;
			if (thread != null) {
				thread.join();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
		this.consumer = null;
		logger.info("work-queue drained; {} items processed", this.processed.get());
	}

	@Override
	public boolean isRunning() {
		return this.consumer != null;
	}

	private void consume() {
		long intervalMillis = this.properties.getWorkQueue().getItemInterval().toMillis();
		try {
			while (!this.stopRequested.await(intervalMillis, TimeUnit.MILLISECONDS)) {
				this.processed.incrementAndGet();
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
