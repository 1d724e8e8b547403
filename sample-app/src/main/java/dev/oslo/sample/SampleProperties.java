package dev.oslo.sample;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The sample's own settings, under {@code sample}.
 */
@ConfigurationProperties("sample")
public class SampleProperties {

	private final Heartbeat heartbeat = new Heartbeat();

	private final WorkQueue workQueue = new WorkQueue();

	public Heartbeat getHeartbeat() {
		return this.heartbeat;
	}

	public WorkQueue getWorkQueue() {
		return this.workQueue;
	}

	/**
	 * The heartbeat service.
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
	 * The work queue service.
	 */
	public static class WorkQueue {

		/**
		 * Time between two simulated work items.
		 */
		private Duration itemInterval = Duration.ofMillis(200);

		/**
		 * How long stop() takes to drain the work in flight; set it longer than
		 * oslo.service.graceful-shutdown-timeout to see the deadline at work.
		 */
		private Duration drainTime = Duration.ofMillis(500);

		/**
		 * Make start() fail, to see a failed start-up roll back.
		 */
		private boolean failOnStart;

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

		public boolean isFailOnStart() {
			return this.failOnStart;
		}

		public void setFailOnStart(boolean failOnStart) {
			this.failOnStart = failOnStart;
		}

	}

}
