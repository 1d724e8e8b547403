package dev.oslo.service.observation;

import io.micrometer.common.docs.KeyName;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationConvention;
import io.micrometer.observation.docs.ObservationDocumentation;

/**
 * The observations of oslo.service, with their low-cardinality keys (there are no
 * high-cardinality ones). Each key's values are bounded by the application: its task and
 * service names, and the outcomes listed here.
 *
 * @since 0.1.0
 */
public enum OsloServiceObservationDocumentation implements ObservationDocumentation {

	/**
	 * One attempt to run a periodic task: the cluster lock request of a cluster-singleton
	 * task and, unless it was refused, the task's work.
	 */
	PERIODIC_TASK {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultPeriodicTaskObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return PeriodicTaskKeyNames.values();
		}

	},

	/**
	 * One start or stop of a service by its launcher; a stop lasts until the service has
	 * terminated.
	 */
	SERVICE {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultServiceObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return ServiceKeyNames.values();
		}

	},

	/**
	 * One configuration reload, whatever triggered it: the check and refresh of the
	 * configuration, then the restart or reset of the services.
	 */
	RELOAD {

		@Override
		public Class<? extends ObservationConvention<? extends Observation.Context>> getDefaultConvention() {
			return DefaultReloadObservationConvention.class;
		}

		@Override
		public KeyName[] getLowCardinalityKeyNames() {
			return ReloadKeyNames.values();
		}

	};

	/**
	 * The low-cardinality keys of {@link #PERIODIC_TASK}.
	 */
	public enum PeriodicTaskKeyNames implements KeyName {

		/** The task's name. */
		NAME {
			@Override
			public String asString() {
				return "name";
			}
		},

		/**
		 * How the attempt ended: {@code success}, {@code failure}, or for a skipped run
		 * of a cluster-singleton task {@code locked} (another replica held the lock) or
		 * {@code lock-unavailable} (its store could not be reached). Set when the attempt
		 * ends.
		 */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		}

	}

	/**
	 * The low-cardinality keys of {@link #SERVICE}.
	 */
	public enum ServiceKeyNames implements KeyName {

		/** The service's name in its launcher (in Spring, its bean name). */
		NAME {
			@Override
			public String asString() {
				return "name";
			}
		},

		/** {@code start} or {@code stop}. */
		OPERATION {
			@Override
			public String asString() {
				return "operation";
			}
		},

		/** {@code success} or {@code failure}. Set when the call ends. */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		}

	}

	/**
	 * The low-cardinality keys of {@link #RELOAD}.
	 */
	public enum ReloadKeyNames implements KeyName {

		/**
		 * What asked for the reload: {@code sighup}, {@code launcher-endpoint},
		 * {@code refresh-endpoint}, {@code refresh-event}, {@code context-refresher},
		 * {@code master} or {@code application}.
		 */
		TRIGGER {
			@Override
			public String asString() {
				return "trigger";
			}
		},

		/** {@code success} or {@code failure}. Set when the reload ends. */
		OUTCOME {
			@Override
			public String asString() {
				return "outcome";
			}
		}

	}

}
