package dev.oslo.service.periodic;

import java.lang.annotation.Documented;
import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Marks a no-argument method to be run periodically (oslo's {@code @periodic_task}).
 *
 * @since 0.1.0
 */
@Target(ElementType.METHOD)
@Retention(RetentionPolicy.RUNTIME)
@Documented
public @interface PeriodicTask {

	/**
	 * The time between runs, in Spring Boot's duration syntax ({@code "500ms"},
	 * {@code "30s"}, {@code "PT1M"}; a bare number is seconds). {@code "0"} means the
	 * default spacing; a negative spacing disables the task.
	 * @return the spacing
	 */
	String spacing() default "0";

	/**
	 * Whether the first run happens at once rather than one spacing after the start.
	 * @return {@code true} to run at once
	 */
	boolean runImmediately() default false;

	/**
	 * The task's name, for logs, overrides and metrics; the method's name when empty.
	 * @return the name
	 */
	String name() default "";

	/**
	 * Whether the task may run in an external process; such tasks run only where
	 * {@code run-external-periodic-tasks} is true.
	 * @return {@code true} for an external-process task
	 */
	boolean externalProcessOk() default false;

	/**
	 * Whether the task is registered at all.
	 * @return {@code false} to disable it
	 */
	boolean enabled() default true;

	/**
	 * Whether the task runs once per period across all replicas of the application rather
	 * than in each: before each run the replica takes a cluster-wide lock (ShedLock's
	 * {@code LockProvider}, or the JDBC one on the application's {@code DataSource}) and
	 * skips the run when another replica holds it. Overridden by
	 * {@code oslo.service.periodic.tasks.<name>.cluster-singleton}. Only the starter's
	 * scheduler takes the lock; {@link PeriodicTasks#runPeriodicTasks} driven by hand
	 * runs every task.
	 * @return {@code true} to run once per cluster
	 */
	boolean clusterSingleton() default false;

}
