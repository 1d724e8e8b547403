package dev.oslo.service;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;

/**
 * A plain {@code main}, without Spring, launching one service: {@code args[0]} is the
 * graceful shutdown timeout in seconds, {@code args[1]} ({@code hang} or {@code drain})
 * what its {@code stop()} does. Started as a real process by {@link PlainMainLauncherIT}.
 */
public final class PlainMainFixture {

	private PlainMainFixture() {
	}

	public static void main(String[] args) throws InterruptedException {
		Duration timeout = Duration.ofSeconds(Long.parseLong(args[0]));
		boolean hang = "hang".equals(args[1]);
		CountDownLatch stopped = new CountDownLatch(1);
		ServiceBase service = new ServiceBase() {

			@Override
			public void start() {
				System.out.println("fixture started");
			}

			@Override
			public void stop() {
				System.out.println("fixture stopping");
				if (!hang) {
					stopped.countDown();
				}
			}

			@Override
			public void awaitTermination() throws InterruptedException {
				stopped.await();
				System.out.println("fixture stopped");
			}

		};
		Launcher launcher = Launchers.launch(LauncherConfig.DEFAULTS.withGracefulShutdownTimeout(timeout), service, 1);
		launcher.await();
	}

}
