package dev.oslo.bench.plain;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The same settings as the sample's {@code sample.*}, under {@code plain}.
 */
@ConfigurationProperties("plain")
public class PlainProperties {

	private final Heartbeat heartbeat = new Heartbeat();

	private final WorkQueue workQueue = new WorkQueue();

	public Heartbeat getHeartbeat() {
		return this.heartbeat;
	}

	public WorkQueue getWorkQueue() {
		return this.workQueue;
	}

	/**
	 * The heartbeat.
	 */
	public static class Heartbeat {

		/**
		 * Time between two heartbeats.
		 */
		private Duration interval = Duration.ofSeconds(5);

		public Duration getInterval() {
			return this.interval;
		}

		public void setInterval(Duration interval) {
			this.interval = interval;
		}

	}

	/**
	 * The work queue.
	 */
	public static class WorkQueue {

		/**
		 * Time between two simulated work items.
		 */
		private Duration itemInterval = Duration.ofMillis(200);

		/**
		 * How long stop() takes to drain the work in flight.
		 */
		private Duration drainTime = Duration.ofMillis(500);

		public Duration getItemInterval() {
			return this.itemInterval;
		}

		public void setItemInterval(Duration itemInterval) {
			this.itemInterval = itemInterval;
		}

		public Duration getDrainTime() {
			return this.drainTime;
		}

		public void setDrainTime(Duration drainTime) {
			this.drainTime = drainTime;
		}

	}

}
