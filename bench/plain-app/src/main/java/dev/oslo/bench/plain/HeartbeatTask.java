package dev.oslo.bench.plain;

import java.util.concurrent.atomic.AtomicLong;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.scheduling.annotation.Scheduled;
import org.springframework.stereotype.Component;

/**
 * The sample's HeartbeatService as a plain {@code @Scheduled} method: a beat at start, then one per
 * {@code plain.heartbeat.interval}.
 */
@Component
public class HeartbeatTask {

	private static final Logger logger = LoggerFactory.getLogger(HeartbeatTask.class);

	private final AtomicLong beats = new AtomicLong();

	@Scheduled(fixedRateString = "${plain.heartbeat.interval:5s}", initialDelay = 0)
	public void beat() {
		logger.info("heartbeat {}", this.beats.incrementAndGet());
	}

}
