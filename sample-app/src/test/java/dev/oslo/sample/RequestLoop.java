package dev.oslo.sample;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * A steady loop of HTTP requests to the sample's {@code GET /hello}, each on a new
 * connection, from a few threads: counts what a client of the service would see, and
 * which processes answered.
 */
final class RequestLoop implements AutoCloseable {

	private static final int TIMEOUT_MILLIS = 120_000;

	private final int port;

	private final String work;

	private final List<Thread> threads = new ArrayList<>();

	private final AtomicInteger succeeded = new AtomicInteger();

	private final Queue<String> failures = new ConcurrentLinkedQueue<>();

	private final Set<Long> answeringPids = ConcurrentHashMap.newKeySet();

	private volatile boolean running = true;

	private RequestLoop(int port, String work) {
		this.port = port;
		this.work = work;
	}

	/**
	 * Start the loop.
	 * @param port the application's port
	 * @param threads how many requests at a time
	 * @param work how long each request works in the server ({@code 20ms})
	 */
	static RequestLoop start(int port, int threads, String work) {
		RequestLoop loop = new RequestLoop(port, work);
		for (int i = 0; i < threads; i++) {
			Thread thread = new Thread(loop::run, "request-loop-" + i);
			thread.setDaemon(true);
			loop.threads.add(thread);
			thread.start();
		}
		return loop;
	}

	int succeeded() {
		return this.succeeded.get();
	}

	/**
	 * The failed requests so far, each described with its error.
	 */
	List<String> failures() {
		return List.copyOf(this.failures);
	}

	Set<Long> answeringPids() {
		return Set.copyOf(this.answeringPids);
	}

	private void run() {
		while (this.running) {
			try {
				String answer = request();
				if (answer.startsWith("HTTP/1.1 200") && answer.contains("hello from ")) {
					this.answeringPids
						.add(Long.parseLong(answer.substring(answer.lastIndexOf("hello from ") + 11).trim()));
					this.succeeded.incrementAndGet();
				}
				else if (this.running) {
					this.failures.add(answer.lines().findFirst().orElse("empty answer"));
				}
			}
			catch (IOException | RuntimeException ex) {
				if (this.running) {
					this.failures.add(ex.toString());
				}
			}
		}
	}

	private String request() throws IOException {
		try (Socket socket = new Socket()) {
			socket.connect(new InetSocketAddress("127.0.0.1", this.port), TIMEOUT_MILLIS);
			socket.setSoTimeout(TIMEOUT_MILLIS);
			OutputStream out = socket.getOutputStream();
			out.write(("GET /hello?work=" + this.work + " HTTP/1.1\r\nHost: 127.0.0.1\r\nConnection: close\r\n\r\n")
				.getBytes(StandardCharsets.US_ASCII));
			out.flush();
			InputStream in = socket.getInputStream();
			return new String(in.readAllBytes(), StandardCharsets.US_ASCII);
		}
	}

	/**
	 * Stop the loop and wait for the requests in flight.
	 */
	@Override
	public void close() throws InterruptedException {
		this.running = false;
		for (Thread thread : this.threads) {
			thread.join(TIMEOUT_MILLIS);
		}
	}

}
