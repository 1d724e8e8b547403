package dev.oslo.service.internal.boot;

import java.util.function.IntSupplier;

import dev.oslo.service.ReloadListener;
import dev.oslo.service.ReloadResult;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Warns after a reload that changed the number of workers: a master reads it at start-up
 * only.
 *
 * @since 0.1.0
 */
public final class WorkerCountWarning implements ReloadListener {

	private static final Logger logger = LoggerFactory.getLogger(WorkerCountWarning.class);

	private final IntSupplier configured;

	private final int running;

	/**
	 * Create the warning.
	 * @param configured the number of workers the configuration asks for now
	 * @param running the number of workers the master runs
	 */
	public WorkerCountWarning(IntSupplier configured, int running) {
		this.configured = configured;
		this.running = running;
	}

	@Override
	public void reloadFinished(ReloadResult result) {
		int now = this.configured.getAsInt();
		if (now != this.running) {
			logger.warn("oslo.service.workers is now {}, but {} workers keep running: the number of workers "
					+ "is read at start-up only", now, this.running);
		}
	}

}
