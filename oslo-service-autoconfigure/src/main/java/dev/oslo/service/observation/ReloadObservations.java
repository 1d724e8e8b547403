package dev.oslo.service.observation;

import java.util.Locale;

import dev.oslo.service.ReloadListener;
import dev.oslo.service.ReloadOutcome;
import dev.oslo.service.ReloadResult;
import dev.oslo.service.ReloadTrigger;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationRegistry;
import org.jspecify.annotations.Nullable;

/**
 * Observes every configuration reload as {@code oslo.service.reload}: started when the
 * reload begins and current on the reload's thread until it ends, so that the log lines
 * of the refresh and of the services' {@code reset()} carry its trace, and the
 * observations of the services' stops and starts nest in it. As a {@link ReloadListener},
 * it relies on the coordinator running one reload at a time, on one thread.
 *
 * @since 0.1.0
 */
public class ReloadObservations implements ReloadListener {

	private static final ReloadObservationConvention DEFAULT_CONVENTION = new DefaultReloadObservationConvention();

	private final ObservationRegistry registry;

	private final @Nullable ReloadObservationConvention convention;

	private @Nullable Running running;

	/**
	 * Observe with a convention of your own.
	 * @param registry where the observations go
	 * @param convention names and keys the observations; {@code null} for the default
	 */
	public ReloadObservations(ObservationRegistry registry, @Nullable ReloadObservationConvention convention) {
		this.registry = registry;
		this.convention = convention;
	}

	@Override
	public synchronized void reloadStarting(ReloadTrigger trigger) {
		ReloadObservationContext context = new ReloadObservationContext(trigger);
		Observation observation = OsloServiceObservationDocumentation.RELOAD.observation(this.convention,
				DEFAULT_CONVENTION, () -> context, this.registry);
		observation.start();
		this.running = new Running(context, observation, observation.openScope());
	}

	@Override
	public synchronized void reloadFinished(ReloadResult result) {
		Running reload = this.running;
		if (reload == null) {
			return;
		}
		this.running = null;
		reload.context().setOutcome(result.outcome().name().toLowerCase(Locale.ROOT));
		if (result.outcome() == ReloadOutcome.FAILURE) {
			reload.observation().error(new ReloadFailure(String.valueOf(result.error())));
		}
		reload.scope().close();
		reload.observation().stop();
	}

	private record Running(ReloadObservationContext context, Observation observation, Observation.Scope scope) {
	}

	/**
	 * Why a reload failed, as the observation's error.
	 */
	static final class ReloadFailure extends RuntimeException {

		private static final long serialVersionUID = 1L;

		ReloadFailure(String message) {
			super(message, null, false, false);
		}

	}

}
