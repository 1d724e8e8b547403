package dev.oslo.service;

import java.lang.management.ManagementFactory;
import java.util.Set;
import java.util.concurrent.TimeUnit;

import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What a standby worker does so that its promotion is quick: while it is idle it pays the
 * first-time costs that the promotion would otherwise pay, and re-reads the configuration
 * when the master reloads; at promotion it re-reads it only if it has not read the
 * master's latest.
 */
final class StandbyPreparation {

	private static final Logger logger = LoggerFactory.getLogger(StandbyPreparation.class);

	private StandbyPreparation() {
	}

	/**
	 * Before the standby reports that it stands by: re-read the configuration once (the
	 * first re-read in a JVM is several times slower than the next, and a promotion after
	 * a reload needs one), and create the platform MBean server that Micrometer's and
	 * Tomcat's binders look up once the application has started.
	 * @param refresher the configuration refresher, if the application has one
	 */
	static void warmUp(@Nullable ConfigurationRefresher refresher) {
		long started = System.nanoTime();
		reread(refresher, "while standing by");
		ManagementFactory.getPlatformMBeanServer();
		logger.info("Standby warmed up in {} ms", TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
	}

	/**
	 * Re-read the configuration; an invalid one is logged and the one in force kept.
	 * @param refresher the configuration refresher, if the application has one
	 * @param when when this happens, for the log
	 * @return {@code true} when the configuration was re-read, or there is none to
	 * re-read
	 */
	static boolean reread(@Nullable ConfigurationRefresher refresher, String when) {
		if (refresher == null) {
			return true;
		}
		long started = System.nanoTime();
		try {
			Set<String> changed = refresher.refresh();
			logger.info("Re-read the configuration {} in {} ms; changed keys: {}", when,
					TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started), changed);
			return true;
		}
		catch (InvalidConfigurationException ex) {
			logger.error("The configuration re-read {} is invalid; keeping the one in force: {}", when,
					ex.getMessage());
		}
		catch (RuntimeException ex) {
			logger.error("Could not re-read the configuration {}; keeping the one in force", when, ex);
		}
		return false;
	}

}
