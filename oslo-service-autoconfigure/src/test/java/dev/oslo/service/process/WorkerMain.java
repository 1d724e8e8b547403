package dev.oslo.service.process;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CountDownLatch;

import dev.oslo.service.AbstractService;
import dev.oslo.service.Launcher;
import dev.oslo.service.LauncherConfig;
import dev.oslo.service.Launchers;

/**
 * A plain-Java worker program for the supervisor's tests: run as a worker (its master's
 * identity in the environment), {@link Launchers#launch} runs its service in process and
 * connects to the master. Arguments: {@code fail-on-start} makes {@code start()} throw;
 * {@code hang-on-start} makes {@code start()} block; {@code hang-on-stop} makes
 * {@code stop()} block; {@code return-from-main} makes {@code main} return once the
 * service runs instead of awaiting the launcher, as many programs do.
 */
public final class WorkerMain {

	private WorkerMain() {
	}

	public static void main(String[] args) throws InterruptedException {
		LauncherConfig config = LauncherConfig.DEFAULTS.withGracefulShutdownTimeout(Duration.ofSeconds(20));
		List<String> options = List.of(args);
		Launcher launcher = Launchers.launch(config, new EchoService(options), 2);
		if (options.contains("return-from-main")) {
			EchoService.print("main returned");
			return;
		}
		launcher.await();
	}

	/**
	 * Prints what happens to it, with this process's id.
	 */
	static final class EchoService extends AbstractService {

		private final List<String> options;

		private final CountDownLatch never = new CountDownLatch(1);

		EchoService(List<String> options) {
			this.options = options;
		}

		@Override
		public void start() {
			if (this.options.contains("fail-on-start")) {
				throw new IllegalStateException("failing on purpose");
			}
			if (this.options.contains("hang-on-start")) {
				hang();
			}
			print("started");
		}

		@Override
		public void stop() {
			print("stopping");
			if (this.options.contains("hang-on-stop")) {
				hang();
			}
			super.stop();
		}

		private void hang() {
			try {
				this.never.await();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
		}

		@Override
		public void reset() {
			print("reset");
		}

		private static void print(String event) {
			System.out.println("echo " + event + " in " + ProcessHandle.current().pid());
		}

	}

}
