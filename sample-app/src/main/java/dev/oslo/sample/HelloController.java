package dev.oslo.sample;

import java.time.Duration;

import org.springframework.format.annotation.DurationFormat;
import org.springframework.format.annotation.DurationFormat.Style;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;

/**
 * The sample's one HTTP endpoint: says which process answered, so that a client sees its
 * requests spread over the workers, and can take a while, as real requests do, so that a
 * client sees requests in flight finish when a worker stops.
 */
@RestController
class HelloController {

	private static final Duration LONGEST = Duration.ofSeconds(10);

	private final SampleProperties properties;

	HelloController(SampleProperties properties) {
		this.properties = properties;
	}

	/**
	 * Answer {@code hello from <pid>}, with the configured greeting
	 * ({@code sample.greeting}) in place of {@code hello}.
	 * @param work how long the request works before answering ({@code 50ms}, {@code 2s}),
	 * at most 10 s
	 * @return the answer
	 * @throws InterruptedException if the server stops it
	 */
	@GetMapping("/hello")
	String hello(@RequestParam(defaultValue = "0ms") @DurationFormat(style = Style.SIMPLE) Duration work)
			throws InterruptedException {
		Thread.sleep(min(work, LONGEST).toMillis());
		return this.properties.getGreeting() + " from " + ProcessHandle.current().pid() + "\n";
	}

	private static Duration min(Duration a, Duration b) {
		return (a.compareTo(b) <= 0) ? a : b;
	}

}
