package dev.oslo.service.observation;

import java.util.function.Consumer;
import java.util.function.Function;

import io.micrometer.observation.Observation;

/**
 * Runs work in an observation that is current on the running thread, from its start to
 * its stop, and gives the observation the work's outcome: the one its result tells, or
 * {@code failure} when it throws, with what it threw as the observation's error.
 */
final class CurrentObservation {

	static final String SUCCESS = "success";

	static final String FAILURE = "failure";

	private CurrentObservation() {
	}

	static <T, E extends Exception> T run(Observation observation, Consumer<String> outcome, Work<T, E> work,
			Function<T, String> outcomeOf) throws E {
		observation.start();
		try (Observation.Scope scope = observation.openScope()) {
			T result = work.run();
			outcome.accept(outcomeOf.apply(result));
			return result;
		}
		catch (Exception | Error ex) {
			outcome.accept(FAILURE);
			observation.error(ex);
			throw ex;
		}
		finally {
			observation.stop();
		}
	}

	/**
	 * The work.
	 */
	@FunctionalInterface
	interface Work<T, E extends Exception> {

		T run() throws E;

	}

}
