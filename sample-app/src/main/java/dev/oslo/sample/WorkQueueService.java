package dev.oslo.sample;

import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

import dev.oslo.service.ServiceBase;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Service;

/**
 * A plain {@link ServiceBase}: a consumer that takes simulated work items on a thread of
 * its own, and whose {@code stop()} drains the work in flight before it returns.
 */
@Service
@Order(2)
public class WorkQueueService implements ServiceBase {

	private static final Logger logger = LoggerFactory.getLogger(WorkQueueService.class);

	private final SampleProperties properties;

	private final AtomicLong processed = new AtomicLong();

	private volatile CountDownLatch stopRequested = new CountDownLatch(1);

	private volatile @Nullable Thread consumer;

	public WorkQueueService(SampleProperties properties) {
		this.properties = properties;
	}

	@Override
	public void start() {
		if (this.properties.getWorkQueue().isFailOnStart()) {
			throw new IllegalStateException("sample.work-queue.fail-on-start is set");
		}
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
		pause(drainMillis);
		logger.info("work-queue drained; {} items processed", this.processed.get());
	}

	/**
	 * How many items the queue has processed.
	 * @return the count since the process started
	 */
	public long processed() {
		return this.processed.get();
	}

	@Override
	public void awaitTermination() throws InterruptedException {
		Thread thread = this.consumer;
		if (thread != null) {
			thread.join();
		}
	}

	/**
	 * After a reload the consumer reads its settings on its next round; say what they are
	 * now.
	 */
	@Override
	public void reset() {
		SampleProperties.WorkQueue settings = this.properties.getWorkQueue();
		if (settings.isFailOnReset()) {
			throw new IllegalStateException("sample.work-queue.fail-on-reset is set");
		}
		if (!settings.getResetTime().isZero()) {
			logger.info("work-queue resetting ({} ms)", settings.getResetTime().toMillis());
			pause(settings.getResetTime().toMillis());
		}
		logger.info("work-queue reset; batch size {}, item interval {}", settings.getBatchSize(),
				SampleProperties.describe(settings.getItemInterval()));
	}

	private static void pause(long millis) {
		try {
			Thread.sleep(millis);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

	private void consume() {
		try {
			while (!this.stopRequested.await(this.properties.getWorkQueue().getItemInterval().toMillis(),
					TimeUnit.MILLISECONDS)) {
				this.processed.addAndGet(this.properties.getWorkQueue().getBatchSize());
			}
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
