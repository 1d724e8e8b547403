package dev.oslo.service.loopingcall;

import java.util.concurrent.ThreadLocalRandom;

/**
 * Where a {@link BackOffLoopingCall} draws its jitter: a sample of a normal distribution.
 * Replace it to make the sleeps predictable.
 *
 * @since 0.1.0
 */
@FunctionalInterface
public interface JitterSource {

	/** Samples {@link ThreadLocalRandom}'s Gaussian. */
	JitterSource GAUSSIAN = (mean, standardDeviation) -> mean
			+ standardDeviation * ThreadLocalRandom.current().nextGaussian();

	/**
	 * Draw a sample.
	 * @param mean the distribution's mean
	 * @param standardDeviation the distribution's standard deviation
	 * @return the sample
	 */
	double sample(double mean, double standardDeviation);

}
