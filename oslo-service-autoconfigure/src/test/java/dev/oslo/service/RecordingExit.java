package dev.oslo.service;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import dev.oslo.service.internal.ProcessExit;

/**
 * A {@link ProcessExit} for tests: records {@code exit 0}, {@code halt 1}, ... instead of
 * ending the JVM.
 */
public final class RecordingExit implements ProcessExit {

	/** Every call, in order. */
	public final List<String> calls = new CopyOnWriteArrayList<>();

	@Override
	public void exit(int status) {
		this.calls.add("exit " + status);
	}

	@Override
	public void halt(int status) {
		this.calls.add("halt " + status);
	}

}
