package dev.oslo.service.autoconfigure;

import java.util.List;
import java.util.Optional;

import javax.sql.DataSource;

import dev.oslo.service.periodic.ClusterLock;
import org.jspecify.annotations.Nullable;

import org.springframework.beans.factory.config.ConfigurableListableBeanFactory;
import org.springframework.util.ClassUtils;

/**
 * What an application with cluster-singleton tasks but no {@link ClusterLock} lacks, said
 * as the step that gives it one: the dependency to add while ShedLock's JDBC provider is
 * not on the class path (the starter leaves it out), the {@code DataSource} to define
 * once it is, or the {@code @Primary} to mark when several candidates stand in each
 * other's way.
 */
final class MissingClusterLock {

	private static final String LOCK_PROVIDER = "net.javacrumbs.shedlock.core.LockProvider";

	private static final String JDBC_LOCK_PROVIDER = "net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider";

	private static final String JDBC_TEMPLATE = "org.springframework.jdbc.core.JdbcTemplate";

	private static final String OR_LOCK_PROVIDER = ", or define a ShedLock LockProvider bean";

	private MissingClusterLock() {
	}

	/**
	 * What to do so that the application has a cluster lock.
	 * @param beanFactory the application's bean factory, its class loader included
	 * @return the step, e.g. {@code add the dependency ...}, or empty when the
	 * application has a cluster lock
	 */
	static Optional<String> remedy(ConfigurableListableBeanFactory beanFactory) {
		if (beanNames(beanFactory, ClusterLock.class).isEmpty()) {
			return Optional.of(step(beanFactory, beanFactory.getBeanClassLoader()));
		}
		return Optional.empty();
	}

	private static String step(ConfigurableListableBeanFactory beanFactory, @Nullable ClassLoader classLoader) {
		List<String> providers = ClassUtils.isPresent(LOCK_PROVIDER, classLoader)
				? beanNames(beanFactory, ClassUtils.resolveClassName(LOCK_PROVIDER, classLoader)) : List.of();
		if (providers.size() > 1) {
			return "mark one of the ShedLock LockProvider beans " + providers + " @Primary";
		}
		if (providers.size() == 1) {
			return inactiveAutoConfiguration("LockProvider");
		}
		if (!ClassUtils.isPresent(JDBC_LOCK_PROVIDER, classLoader)) {
			return "add the dependency net.javacrumbs.shedlock:shedlock-provider-jdbc-template "
					+ "(ShedLock's JDBC lock, on the application's DataSource)" + OR_LOCK_PROVIDER;
		}
		if (!ClassUtils.isPresent(JDBC_TEMPLATE, classLoader)) {
			return "add the dependency org.springframework:spring-jdbc, which ShedLock's JDBC lock needs"
					+ OR_LOCK_PROVIDER;
		}
		List<String> dataSources = beanNames(beanFactory, DataSource.class);
		if (dataSources.isEmpty()) {
			return "define a DataSource for ShedLock's JDBC lock (spring.datasource.url, with "
					+ "org.springframework.boot:spring-boot-starter-jdbc and the database's driver)" + OR_LOCK_PROVIDER;
		}
		if (dataSources.size() > 1) {
			return "mark one of the DataSource beans " + dataSources + " @Primary for ShedLock's JDBC lock"
					+ OR_LOCK_PROVIDER;
		}
		return inactiveAutoConfiguration("DataSource");
	}

	private static String inactiveAutoConfiguration(String source) {
		return "define a ClusterLock bean, since ClusterLockAutoConfiguration, which would make one from the " + source
				+ ", is not active";
	}

	private static List<String> beanNames(ConfigurableListableBeanFactory beanFactory, Class<?> type) {
		return List.of(beanFactory.getBeanNamesForType(type, true, false));
	}

}
