package dev.oslo.service.autoconfigure;

import java.nio.file.Path;
import java.time.Duration;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.Map;

import dev.oslo.service.RestartMethod;
import org.jspecify.annotations.Nullable;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.DeprecatedConfigurationProperty;
import org.springframework.boot.convert.DurationUnit;
import org.springframework.boot.sql.init.DatabaseInitializationMode;

/**
 * Settings of the oslo.service launcher, under {@code oslo.service}. The launcher reads
 * them each time it needs them, so a rebinding after a configuration refresh takes
 * effect. Plain data: the auto-configuration checks the values as they are bound (an
 * invalid one fails start-up, or is rejected on a reload, naming the property and the
 * value) and maps them to the engine's settings.
 *
 * @since 0.1.0
 */
@ConfigurationProperties("oslo.service")
public class OsloServiceProperties {

	/**
	 * Whether the starter is on: false defines no launcher, no signal handlers, no
	 * threads, no periodic tasks, no endpoints.
	 */
	private boolean enabled = true;

	/**
	 * How long a graceful shutdown may take, from SIGTERM to the process's exit; past it
	 * the services still stopping are logged with their stacks and the process exits with
	 * status 1. A bare number is in seconds; 0 waits forever.
	 */
	@DurationUnit(ChronoUnit.SECONDS)
	private Duration gracefulShutdownTimeout = Duration.ofSeconds(60);

	/**
	 * What a configuration reload does to the services: 'reload' stops, resets and starts
	 * each one; 'mutate' only resets them.
	 */
	private RestartMethod restartMethod = RestartMethod.RELOAD;

	/**
	 * How many processes run the services. 1 runs them in this process; more makes this
	 * process a master that runs no services and supervises that many worker JVMs, each
	 * running every service. Read at start-up.
	 */
	private int workers = 1;

	/**
	 * Whether to log every oslo.service value and the application's own configuration
	 * keys at start, with secrets masked.
	 */
	private boolean logOptions = true;

	/**
	 * Whether periodic tasks marked externalProcessOk run in this process.
	 */
	private boolean runExternalPeriodicTasks = true;

	private final Signals signals = new Signals();

	private final Periodic periodic = new Periodic();

	private final Worker worker = new Worker();

	private final Systemd systemd = new Systemd();

	private final Liveness liveness = new Liveness();

	public boolean isEnabled() {
		return this.enabled;
	}

	public void setEnabled(boolean enabled) {
		this.enabled = enabled;
	}

	public Duration getGracefulShutdownTimeout() {
		return this.gracefulShutdownTimeout;
	}

	public void setGracefulShutdownTimeout(Duration gracefulShutdownTimeout) {
		this.gracefulShutdownTimeout = gracefulShutdownTimeout;
	}

	public RestartMethod getRestartMethod() {
		return this.restartMethod;
	}

	public void setRestartMethod(RestartMethod restartMethod) {
		this.restartMethod = restartMethod;
	}

	public int getWorkers() {
		return this.workers;
	}

	public void setWorkers(int workers) {
		this.workers = workers;
	}

	public boolean isLogOptions() {
		return this.logOptions;
	}

	public void setLogOptions(boolean logOptions) {
		this.logOptions = logOptions;
	}

	public boolean isRunExternalPeriodicTasks() {
		return this.runExternalPeriodicTasks;
	}

	public void setRunExternalPeriodicTasks(boolean runExternalPeriodicTasks) {
		this.runExternalPeriodicTasks = runExternalPeriodicTasks;
	}

	public Signals getSignals() {
		return this.signals;
	}

	public Periodic getPeriodic() {
		return this.periodic;
	}

	public Worker getWorker() {
		return this.worker;
	}

	public Systemd getSystemd() {
		return this.systemd;
	}

	public Liveness getLiveness() {
		return this.liveness;
	}

	/**
	 * Supervision of worker JVMs, when {@code workers} is more than 1.
	 */
	public static class Worker {

		/**
		 * How long a new worker may take to report that its services started; past it the
		 * worker's thread stacks are logged, then it is killed and counted as a failure.
		 * After a missed deadline the slot's next boot gets twice as long, up to 4 times.
		 * A bare number is in seconds.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration bootTimeout = Duration.ofSeconds(60);

		/**
		 * Back-off before respawning a worker that exited unexpectedly; it doubles with
		 * each further respawn of the same slot. A bare number is in seconds.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration respawnDelay = Duration.ofMillis(100);

		/**
		 * The longest back-off between respawns of one slot.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration maxRespawnDelay = Duration.ofSeconds(30);

		/**
		 * How long a worker must stay up for its slot's back-off to start again from
		 * respawn-delay.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration respawnResetAfter = Duration.ofSeconds(60);

		/**
		 * How many respawns of one slot are allowed within restart-window; one more and
		 * the master stops every worker and exits with status 1, leaving the restart to
		 * systemd or Kubernetes.
		 */
		private int maxRestarts = 5;

		/**
		 * The sliding window over which respawns are counted.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration restartWindow = Duration.ofSeconds(60);

		/**
		 * How long a ready worker may send no heartbeat (it sends one every second)
		 * before it is taken for hung: its thread stacks are logged, then it is killed
		 * and respawned like a worker that crashed. It catches a frozen JVM, not a stuck
		 * request. Longer than 1s; 0 turns the check off. A bare number is in seconds.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration heartbeatTimeout = Duration.ofSeconds(30);

		/**
		 * How many spare worker JVMs to keep booted up to their services and idle. When a
		 * worker exits, or a rolling reload needs a new one, a standby is promoted at
		 * once (re-reading the configuration first if it was reloaded since the standby
		 * booted), and a new standby boots in the background. Each costs the memory of an
		 * idle worker; 0 turns them off. From 0 to 64.
		 */
		private int standby = 1;

		private final ClassData classData = new ClassData();

		public Duration getBootTimeout() {
			return this.bootTimeout;
		}

		public void setBootTimeout(Duration bootTimeout) {
			this.bootTimeout = bootTimeout;
		}

		public Duration getRespawnDelay() {
			return this.respawnDelay;
		}

		public void setRespawnDelay(Duration respawnDelay) {
			this.respawnDelay = respawnDelay;
		}

		public Duration getMaxRespawnDelay() {
			return this.maxRespawnDelay;
		}

		public void setMaxRespawnDelay(Duration maxRespawnDelay) {
			this.maxRespawnDelay = maxRespawnDelay;
		}

		public Duration getRespawnResetAfter() {
			return this.respawnResetAfter;
		}

		public void setRespawnResetAfter(Duration respawnResetAfter) {
			this.respawnResetAfter = respawnResetAfter;
		}

		public int getMaxRestarts() {
			return this.maxRestarts;
		}

		public void setMaxRestarts(int maxRestarts) {
			this.maxRestarts = maxRestarts;
		}

		public Duration getRestartWindow() {
			return this.restartWindow;
		}

		public void setRestartWindow(Duration restartWindow) {
			this.restartWindow = restartWindow;
		}

		public Duration getHeartbeatTimeout() {
			return this.heartbeatTimeout;
		}

		public void setHeartbeatTimeout(Duration heartbeatTimeout) {
			this.heartbeatTimeout = heartbeatTimeout;
		}

		public int getStandby() {
			return this.standby;
		}

		public void setStandby(int standby) {
			this.standby = standby;
		}

		public ClassData getClassData() {
			return this.classData;
		}

	}

	/**
	 * A class-data archive of the application (CDS on JDK 17 to 24, the AOT cache on JDK
	 * 25 and later) that workers start from, in about half the time. Read at start-up.
	 */
	public static class ClassData {

		/**
		 * Whether workers start from a class-data archive when the application runs from
		 * a jar: once the first workers are ready, the master extracts a Spring Boot jar
		 * and has one JVM record a worker's classes; the workers spawned afterwards
		 * (respawns, rolling reloads) start from the archive. Any failure leaves workers
		 * starting as without it.
		 */
		private boolean enabled = true;

		/**
		 * Where the archives are kept, an absolute path, in a sub-directory per
		 * application (spring.application.name, else the jar's name). When unset:
		 * systemd's CacheDirectory= ($CACHE_DIRECTORY), else
		 * $XDG_CACHE_HOME/oslo-service, else ~/.cache/oslo-service.
		 */
		private @Nullable Path directory;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable Path getDirectory() {
			return this.directory;
		}

		public void setDirectory(@Nullable Path directory) {
			this.directory = directory;
		}

	}

	/**
	 * Periodic tasks.
	 */
	public static class Periodic {

		/**
		 * Spacing of the periodic tasks that say 0. A bare number is in seconds.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration defaultSpacing = Duration.ofSeconds(60);

		/**
		 * The longest sleep of the dynamic timer that drives a PeriodicTasks object
		 * (PeriodicTasks.drive). A bare number is in seconds.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private Duration intervalMax = Duration.ofSeconds(60);

		/**
		 * Whether to spread each run by up to 5 % of its spacing, so that replicas do not
		 * run in step.
		 */
		private boolean jitter = true;

		/**
		 * Threads that run periodic tasks; a task never overlaps itself, so more threads
		 * only help when several tasks are due at once. Virtual threads when
		 * spring.threads.virtual.enabled is true on Java 21+.
		 */
		private int poolSize = 4;

		/**
		 * Per-task overrides, by task name; re-read after every reload.
		 */
		private Map<String, TaskOverride> tasks = new LinkedHashMap<>();

		/**
		 * The JDBC cluster lock of cluster-singleton tasks, used when the application has
		 * a DataSource and no ShedLock LockProvider bean of its own.
		 */
		private final Lock lock = new Lock();

		public Duration getDefaultSpacing() {
			return this.defaultSpacing;
		}

		public void setDefaultSpacing(Duration defaultSpacing) {
			this.defaultSpacing = defaultSpacing;
		}

		public Duration getIntervalMax() {
			return this.intervalMax;
		}

		public void setIntervalMax(Duration intervalMax) {
			this.intervalMax = intervalMax;
		}

		public boolean isJitter() {
			return this.jitter;
		}

		public void setJitter(boolean jitter) {
			this.jitter = jitter;
		}

		public int getPoolSize() {
			return this.poolSize;
		}

		public void setPoolSize(int poolSize) {
			this.poolSize = poolSize;
		}

		public Map<String, TaskOverride> getTasks() {
			return this.tasks;
		}

		public void setTasks(Map<String, TaskOverride> tasks) {
			this.tasks = tasks;
		}

		public Lock getLock() {
			return this.lock;
		}

	}

	/**
	 * The JDBC cluster lock (ShedLock's JdbcTemplateLockProvider, on database time).
	 */
	public static class Lock {

		/**
		 * The lock table: one row per cluster-singleton task (name, lock_until,
		 * locked_at, locked_by).
		 */
		private String tableName = "shedlock";

		/**
		 * When to create the lock table if it does not exist, at start-up when a task is
		 * a cluster singleton: 'embedded' only in an embedded database (H2, HSQLDB or
		 * Derby in memory), 'always' (PostgreSQL and H2; elsewhere create it with
		 * ShedLock's DDL), 'never'. Without it, start-up fails with the DDL to run.
		 */
		private DatabaseInitializationMode initializeSchema = DatabaseInitializationMode.EMBEDDED;

		/**
		 * Replaced by initialize-schema; setting it fails start-up.
		 */
		private @Nullable Boolean createTable;

		public String getTableName() {
			return this.tableName;
		}

		public void setTableName(String tableName) {
			this.tableName = tableName;
		}

		public DatabaseInitializationMode getInitializeSchema() {
			return this.initializeSchema;
		}

		public void setInitializeSchema(DatabaseInitializationMode initializeSchema) {
			this.initializeSchema = initializeSchema;
		}

		/**
		 * Whether to create the lock table: replaced by initialize-schema, and refused at
		 * start-up when set.
		 * @return the value set, or {@code null}
		 * @deprecated since 0.1.0 for
		 * {@code oslo.service.periodic.lock.initialize-schema}
		 */
		@Deprecated(since = "0.1.0")
		@DeprecatedConfigurationProperty(replacement = "oslo.service.periodic.lock.initialize-schema",
				reason = "Spring Boot's convention: create the table in an embedded database only, unless told "
						+ "otherwise",
				since = "0.1.0")
		public @Nullable Boolean getCreateTable() {
			return this.createTable;
		}

		/**
		 * Set the replaced property, so that start-up can refuse it by name.
		 * @param createTable the value set
		 * @deprecated since 0.1.0 for
		 * {@code oslo.service.periodic.lock.initialize-schema}
		 */
		@Deprecated(since = "0.1.0")
		public void setCreateTable(@Nullable Boolean createTable) {
			this.createTable = createTable;
		}

	}

	/**
	 * Overrides of one periodic task's annotation; unset values keep the annotation's.
	 */
	public static class TaskOverride {

		/**
		 * Time between runs; 0 for the default spacing, negative to disable the task. A
		 * bare number is in seconds.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration spacing;

		/**
		 * Whether the task runs.
		 */
		private @Nullable Boolean enabled;

		/**
		 * Whether the first run is at once.
		 */
		private @Nullable Boolean runImmediately;

		/**
		 * Whether the task runs once per period across all replicas, under a cluster-wide
		 * lock.
		 */
		private @Nullable Boolean clusterSingleton;

		/**
		 * How long a cluster-singleton task's lock outlives a replica that died holding
		 * it; longer than the longest run. Twice the spacing when unset. A bare number is
		 * in seconds.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration lockAtMostFor;

		/**
		 * How long a cluster-singleton task's lock stays held after a short run, so that
		 * a replica running a little behind skips the same period; shorter than the
		 * spacing. Four fifths of the spacing when unset. A bare number is in seconds.
		 */
		@DurationUnit(ChronoUnit.SECONDS)
		private @Nullable Duration lockAtLeastFor;

		public @Nullable Duration getSpacing() {
			return this.spacing;
		}

		public void setSpacing(@Nullable Duration spacing) {
			this.spacing = spacing;
		}

		public @Nullable Boolean getEnabled() {
			return this.enabled;
		}

		public void setEnabled(@Nullable Boolean enabled) {
			this.enabled = enabled;
		}

		public @Nullable Boolean getRunImmediately() {
			return this.runImmediately;
		}

		public void setRunImmediately(@Nullable Boolean runImmediately) {
			this.runImmediately = runImmediately;
		}

		public @Nullable Boolean getClusterSingleton() {
			return this.clusterSingleton;
		}

		public void setClusterSingleton(@Nullable Boolean clusterSingleton) {
			this.clusterSingleton = clusterSingleton;
		}

		public @Nullable Duration getLockAtMostFor() {
			return this.lockAtMostFor;
		}

		public void setLockAtMostFor(@Nullable Duration lockAtMostFor) {
			this.lockAtMostFor = lockAtMostFor;
		}

		public @Nullable Duration getLockAtLeastFor() {
			return this.lockAtLeastFor;
		}

		public void setLockAtLeastFor(@Nullable Duration lockAtLeastFor) {
			this.lockAtLeastFor = lockAtLeastFor;
		}

	}

	/**
	 * Signal handling.
	 */
	public static class Signals {

		/**
		 * Whether to install the SIGTERM (graceful stop) and SIGINT (immediate exit)
		 * handlers. Turn off in tests that do not test signals.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * systemd notification (sd_notify), sent by a single process or a master, never by
	 * workers.
	 */
	public static class Systemd {

		/**
		 * Whether to notify systemd (READY, RELOADING, STOPPING, STATUS,
		 * EXTEND_TIMEOUT_USEC and WATCHDOG) when it set NOTIFY_SOCKET. Without
		 * NOTIFY_SOCKET nothing is sent either way.
		 */
		private boolean enabled = true;

		public boolean isEnabled() {
			return this.enabled;
		}

		public void setEnabled(boolean enabled) {
			this.enabled = enabled;
		}

	}

	/**
	 * The liveness state that Spring Boot's probes (/actuator/health/liveness) report.
	 */
	public static class Liveness {

		/**
		 * Whether liveness becomes BROKEN when a service has failed (its reset or restart
		 * threw after a reload), so that Kubernetes restarts the container; CORRECT again
		 * once a later reload recovers it.
		 */
		private boolean brokenOnFailure = true;

		public boolean isBrokenOnFailure() {
			return this.brokenOnFailure;
		}

		public void setBrokenOnFailure(boolean brokenOnFailure) {
			this.brokenOnFailure = brokenOnFailure;
		}

	}

}
