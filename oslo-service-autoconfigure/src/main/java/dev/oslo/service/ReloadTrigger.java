package dev.oslo.service;

/**
 * What asked for a configuration reload. Every trigger takes the same path (checked,
 * coalesced, then the services restarted or reset); the trigger is only reported: in the
 * log, in the {@code launcher} endpoint and as the {@code trigger} tag of the
 * {@code oslo.service.reloads} meter and the {@code oslo.service.reload} observation.
 *
 * @since 0.1.0
 */
public enum ReloadTrigger {

	/** The process received SIGHUP. */
	SIGHUP("sighup", "SIGHUP"),

	/** The {@code launcher} endpoint's write operation. */
	LAUNCHER_ENDPOINT("launcher-endpoint", "POST /actuator/launcher"),

	/** Spring Cloud's {@code refresh} endpoint. */
	REFRESH_ENDPOINT("refresh-endpoint", "POST /actuator/refresh"),

	/**
	 * A Spring Cloud {@code RefreshEvent}, e.g. from a configuration watcher.
	 */
	REFRESH_EVENT("refresh-event", "a RefreshEvent"),

	/**
	 * Any other call of Spring Cloud's {@code ContextRefresher.refresh()}, e.g. Spring
	 * Cloud Bus or a Kubernetes configuration reload.
	 */
	CONTEXT_REFRESHER("context-refresher", "a ContextRefresher.refresh() call"),

	/** A worker's master, passing on a reload of the whole group. */
	MASTER("master", "the master"),

	/** The application's own code, through {@link ReloadCoordinator#request}. */
	APPLICATION("application", "the application");

	private final String tag;

	private final String description;

	ReloadTrigger(String tag, String description) {
		this.tag = tag;
		this.description = description;
	}

	/**
	 * The trigger's name in tags and endpoints, e.g. {@code refresh-endpoint}.
	 * @return a short lower-case name
	 */
	public String tag() {
		return this.tag;
	}

	/**
	 * The trigger as the log names it, e.g. {@code POST /actuator/refresh}.
	 * @return a description for people
	 */
	@Override
	public String toString() {
		return this.description;
	}

}
