package dev.oslo.sample;

import java.time.Duration;

import jakarta.validation.Valid;
import jakarta.validation.constraints.Min;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.validation.annotation.Validated;

/**
 * The sample's own settings, under {@code sample}.
 */
@ConfigurationProperties("sample")
@Validated
public class SampleProperties {

	@Valid
	private final Heartbeat heartbeat = new Heartbeat();

	@Valid
	private final WorkQueue workQueue = new WorkQueue();

	private final Audit audit = new Audit();

	private final Cleanup cleanup = new Cleanup();

	/**
	 * The first word of the answers of {@code GET /hello}; shows which configuration a
	 * worker runs.
	 */
	private String greeting = "hello";

	public Heartbeat getHeartbeat() {
		return this.heartbeat;
	}

	public WorkQueue getWorkQueue() {
		return this.workQueue;
	}

	public Audit getAudit() {
		return this.audit;
	}

	public Cleanup getCleanup() {
		return this.cleanup;
	}

	public String getGreeting() {
		return this.greeting;
	}

	public void setGreeting(String greeting) {
		this.greeting = greeting;
	}

	/**
	 * The clean-up task, which runs once per period across all replicas.
	 */
	public static class Cleanup {

		/**
		 * How long one clean-up run takes.
		 */
		private Duration duration = Duration.ZERO;

		public Duration getDuration() {
			return this.duration;
		}

		public void setDuration(Duration duration) {
			this.duration = duration;
		}

	}

	/**
	 * The audit task.
	 */
	public static class Audit {

		/**
		 * How long one audit run takes.
		 */
		private Duration duration = Duration.ZERO;

		/**
		 * Make every audit run fail.
		 */
		private boolean fail;

		public Duration getDuration() {
			return this.duration;
		}

		public void setDuration(Duration duration) {
			this.duration = duration;
		}

		public boolean isFail() {
			return this.fail;
		}

		public void setFail(boolean fail) {
			this.fail = fail;
		}

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

		/**
		 * Make reset() fail, to see a failed service after SIGHUP: health DOWN, liveness
		 * BROKEN, and under systemd the watchdog pings stop.
		 */
		private boolean failOnReset;

		/**
		 * How long reset() takes, to see a SIGTERM or more SIGHUPs arrive while a reload
		 * runs.
		 */
		private Duration resetTime = Duration.ZERO;

		/**
		 * Items taken per round; at least 1.
		 */
		@Min(1)
		private int batchSize = 1;

		public int getBatchSize() {
			return this.batchSize;
		}

		public void setBatchSize(int batchSize) {
			this.batchSize = batchSize;
		}

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

		public Duration getResetTime() {
			return this.resetTime;
		}

		public void setResetTime(Duration resetTime) {
			this.resetTime = resetTime;
		}

		public boolean isFailOnStart() {
			return this.failOnStart;
		}

		public void setFailOnStart(boolean failOnStart) {
			this.failOnStart = failOnStart;
		}

		public boolean isFailOnReset() {
			return this.failOnReset;
		}

		public void setFailOnReset(boolean failOnReset) {
			this.failOnReset = failOnReset;
		}

	}

	/**
	 * A duration the way the properties spell it: {@code 5s}, {@code 250ms}.
	 * @param duration the duration
	 * @return its text
	 */
	static String describe(Duration duration) {
		return (duration.toMillisPart() == 0) ? duration.toSeconds() + "s" : duration.toMillis() + "ms";
	}

}
