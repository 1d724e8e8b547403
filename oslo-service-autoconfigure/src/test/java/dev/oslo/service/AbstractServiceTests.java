package dev.oslo.service;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class AbstractServiceTests {

	@Test
	void stopEndsTimersAndLetsRunningWorkFinish() throws Exception {
		CountDownLatch release = new CountDownLatch(1);
		AtomicBoolean workFinished = new AtomicBoolean();
		AtomicInteger ticks = new AtomicInteger();
		AbstractService service = new AbstractService() {

			@Override
			public void start() {
				taskGroup().addTimer(Duration.ofMillis(5), Duration.ZERO, ticks::incrementAndGet);
				taskGroup().addThread(() -> {
					try {
						release.await();
						workFinished.set(true);
					}
					catch (InterruptedException ex) {
						Thread.currentThread().interrupt();
					}
				});
			}

		};
		service.start();
		await().until(() -> ticks.get() >= 2);
		service.stop();
		assertThat(service.taskGroup().timerCount()).isZero();
		release.countDown();
		service.awaitTermination();
		assertThat(workFinished).isTrue();
		assertThat(service.taskGroup().threadCount()).isZero();
	}

	@Test
	void taskGroupIsNamedAfterTheServiceClass() {
		assertThat(new NamedService().taskGroup().name()).isEqualTo("NamedService");
	}

	static class NamedService extends AbstractService {

	}

}
