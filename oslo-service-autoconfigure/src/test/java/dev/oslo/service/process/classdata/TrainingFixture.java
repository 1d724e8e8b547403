package dev.oslo.service.process.classdata;

import java.util.List;
import java.util.concurrent.CountDownLatch;

/**
 * The main class of the small jars that {@link ClassDataArchiveTests} archive: it exits
 * at once, or never when an argument is {@code hang}.
 */
public final class TrainingFixture {

	private TrainingFixture() {
	}

	public static void main(String[] args) throws InterruptedException {
		if (List.of(args).contains("hang")) {
			new CountDownLatch(1).await();
		}
		System.out.println("trained");
	}

}
