package dev.oslo.service.process.classdata;

import java.util.List;

/**
 * The main class of the small jars that {@link ClassDataArchiveTests} archive: it exits
 * at once, or never when an argument is {@code hang}.
 */
public final class TrainingFixture {

	private TrainingFixture() {
	}

	public static void main(String[] args) throws InterruptedException {
		if (List.of(args).contains("hang")) {
			Thread.sleep(Long.MAX_VALUE);
		}
		System.out.println("trained");
	}

}
