package dev.oslo.service;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

import dev.oslo.service.internal.DurationFormat;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One launched service and its state. {@code stop()} and {@code awaitTermination()} run
 * on a thread of their own, so a service that hangs while stopping can be abandoned at
 * the deadline.
 */
final class ManagedService {

	private static final Logger logger = LoggerFactory.getLogger(ManagedService.class);

	private final String name;

	private final ServiceBase service;

	private final ServiceCallDecorator decorator;

	private volatile ServiceState state = ServiceState.NEW;

	private volatile @Nullable Instant startedAt;

	private volatile @Nullable String lastError;

	private volatile @Nullable Thread stopper;

	private volatile CompletableFuture<Void> termination = CompletableFuture.completedFuture(null);

	ManagedService(String name, ServiceBase service, ServiceCallDecorator decorator) {
		this.name = name;
		this.service = service;
		this.decorator = decorator;
	}

	String name() {
		return this.name;
	}

	ServiceState state() {
		return this.state;
	}

	String type() {
		String type = this.service.getClass().getName();
		int generated = type.indexOf("$$");
		return (generated > 0) ? type.substring(0, generated) : type;
	}

	void start() throws Exception {
		this.state = ServiceState.STARTING;
		try {
			this.decorator.decorate(this.name, ServiceCallDecorator.Operation.START, this.service::start).run();
		}
		catch (Exception | Error ex) {
			fail(ex);
			throw ex;
		}
		this.startedAt = Instant.now();
		this.state = ServiceState.RUNNING;
	}

	/**
	 * Ask the service to stop, once: a service that never started, or is already
	 * stopping, is not asked again.
	 * @return completes when the service has terminated (or failed while stopping)
	 */
	synchronized CompletableFuture<Void> beginStop() {
		if (this.state != ServiceState.RUNNING && this.state != ServiceState.STARTING) {
			return this.termination;
		}
		this.state = ServiceState.STOPPING;
		CompletableFuture<Void> done = new CompletableFuture<>();
		ServiceCallDecorator.Call stop = this.decorator.decorate(this.name, ServiceCallDecorator.Operation.STOP,
				this::stopAndAwaitTermination);
		Thread thread = new Thread(() -> stop(stop, done), "oslo-stop-" + this.name);
		thread.setDaemon(true);
		this.stopper = thread;
		this.termination = done;
		thread.start();
		return done;
	}

	/**
	 * Call the service's {@code reset()}; a failure marks it {@link ServiceState#FAILED}.
	 * @return whether it succeeded
	 */
	boolean reset() {
		try {
			this.service.reset();
			return true;
		}
		catch (RuntimeException ex) {
			fail(ex);
			logger.error("Service '{}' failed to reset", this.name, ex);
			return false;
		}
	}

	/**
	 * Stop (if running), reset and start the service again. A service that does not stop
	 * within {@code timeout}, or whose reset or start fails, ends
	 * {@link ServiceState#FAILED}.
	 * @return whether it runs again
	 */
	boolean restart(Duration timeout) {
		if (this.state == ServiceState.RUNNING && !awaitStopped(beginStop(), timeout)) {
			this.lastError = "still stopping after " + DurationFormat.format(timeout) + "; not restarted";
			logger.error("Service '{}' did not stop within {} and was not restarted", this.name,
					DurationFormat.format(timeout));
			return false;
		}
		if (!reset()) {
			return false;
		}
		try {
			start();
			logger.info("Service '{}' restarted", this.name);
			return true;
		}
		catch (Exception | Error ex) {
			logger.error("Service '{}' failed to start again", this.name, ex);
			return false;
		}
	}

	/**
	 * The threads that tell where this service is stuck: the one running its
	 * {@code stop()} and the threads of its task group.
	 */
	List<Thread> threads() {
		List<Thread> threads = new ArrayList<>();
		Thread thread = this.stopper;
		if (thread != null && thread.isAlive()) {
			threads.add(thread);
		}
		if (this.service instanceof AbstractService abstractService) {
			threads.addAll(abstractService.taskGroup().threads());
		}
		return threads;
	}

	ServiceSnapshot snapshot() {
		return new ServiceSnapshot(this.name, type(), this.state, this.startedAt, this.lastError);
	}

	private void stopAndAwaitTermination() throws InterruptedException {
		this.service.stop();
		this.service.awaitTermination();
	}

	private void stop(ServiceCallDecorator.Call stop, CompletableFuture<Void> done) {
		try {
			stop.run();
			this.state = ServiceState.TERMINATED;
			logger.info("Service '{}' stopped", this.name);
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			fail(ex);
		}
		catch (Exception | Error ex) {
			fail(ex);
			logger.error("Service '{}' failed while stopping", this.name, ex);
		}
		finally {
			done.complete(null);
		}
	}

	private static boolean awaitStopped(CompletableFuture<Void> termination, Duration timeout) {
		try {
			if (timeout.isZero()) {
				termination.get();
			}
			else {
				termination.get(timeout.toNanos(), TimeUnit.NANOSECONDS);
			}
			return true;
		}
		catch (TimeoutException | ExecutionException ex) {
			return false;
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			return false;
		}
	}

	private void fail(Throwable ex) {
		this.lastError = ex.toString();
		this.state = ServiceState.FAILED;
	}

}
