package dev.oslo.sample;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

import dev.oslo.service.AbstractService;
import dev.oslo.service.loopingcall.FixedIntervalLoopingCall;
import org.jspecify.annotations.Nullable;
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

	private volatile @Nullable FixedIntervalLoopingCall timer;

	public HeartbeatService(SampleProperties properties) {
		this.properties = properties;
	}

	@Override
	public void start() {
		Duration interval = this.properties.getHeartbeat().getInterval();
		this.timer = taskGroup().addTimer(interval, Duration.ZERO,
				() -> logger.info("heartbeat {}", this.beats.incrementAndGet()));
		logger.debug("heartbeat timer started with interval {}", SampleProperties.describe(interval));
	}

	/**
	 * After a reload: with {@code restart-method: reload} the service was stopped and
	 * {@link #start()} picks up the new interval; with {@code mutate} it keeps running,
	 * so the timer is replaced here.
	 */
	@Override
	public void reset() {
		Duration interval = this.properties.getHeartbeat().getInterval();
		logger.info("heartbeat reset; interval now {}", SampleProperties.describe(interval));
		FixedIntervalLoopingCall running = this.timer;
		if (running != null && running.isRunning()) {
			running.stop();
			taskGroup().removeTimer(running);
			start();
		}
	}

	@Override
	public void stop() {
		super.stop();
		logger.info("heartbeat stopped after {} beats", this.beats.get());
	}

}
