package dev.oslo.sample;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import dev.oslo.service.AbstractService;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Service;

/**
 * Logs a heartbeat on a timer of its task group; stopping it stops the timer.
 */
@Service
@Order(1)
public class HeartbeatService extends AbstractService {

	private static final Logger logger = LoggerFactory.getLogger(HeartbeatService.class);

	private final SampleProperties properties;

	private final AtomicLong beats = new AtomicLong();

	public HeartbeatService(SampleProperties properties) {
		this.properties = properties;
	}

	@Override
	public void start() {
		taskGroup().addTimer(this.properties.getHeartbeat().getInterval(), Duration.ZERO,
				() -> logger.info("heartbeat {}", this.beats.incrementAndGet()));
	}

	@Override
	public void stop() {
		super.stop();
		logger.info("heartbeat stopped after {} beats", this.beats.get());
	}

}
