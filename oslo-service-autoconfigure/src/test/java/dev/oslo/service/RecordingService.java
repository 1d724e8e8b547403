package dev.oslo.service;

import java.util.List;

/**
 * A {@link ControllableService} that records its lifecycle calls ({@code a.start},
 * {@code a.stop}, ...) in a shared journal, each before doing what it was told to.
 */
public class RecordingService extends ControllableService {

	private final String name;

	private final List<String> journal;

	/**
	 * Create the service.
	 * @param name the name its calls are recorded under
	 * @param journal where they are recorded
	 */
	public RecordingService(String name, List<String> journal) {
		this.name = name;
		this.journal = journal;
	}

	@Override
	public void start() {
		this.journal.add(this.name + ".start");
		super.start();
	}

	@Override
	public void stop() {
		this.journal.add(this.name + ".stop");
		super.stop();
	}

	@Override
	public void awaitTermination() {
		this.journal.add(this.name + ".await");
		super.awaitTermination();
	}

	@Override
	public void reset() {
		this.journal.add(this.name + ".reset");
		super.reset();
	}

	@Override
	public String toString() {
		return this.name;
	}

}
