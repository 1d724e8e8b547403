package dev.oslo.service.autoconfigure;

import javax.sql.DataSource;

import dev.oslo.service.cluster.JdbcClusterLock;
import dev.oslo.service.cluster.ShedLockClusterLock;
import dev.oslo.service.periodic.ClusterLock;
import net.javacrumbs.shedlock.core.LockProvider;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBooleanProperty;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.boot.context.properties.EnableConfigurationProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;

/**
 * The cluster lock of {@code @PeriodicTask(clusterSingleton = true)} tasks, on ShedLock:
 * the application's own {@link LockProvider} bean when it has one, else ShedLock's JDBC
 * provider on the application's single (or primary) {@link DataSource}, on database time,
 * so that the replicas' clocks do not matter.
 *
 * @since 0.1.0
 */
@AutoConfiguration(after = OsloServiceAutoConfiguration.class, before = PeriodicTaskAutoConfiguration.class,
		afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass(LockProvider.class)
@EnableConfigurationProperties(OsloServiceProperties.class)
@Conditional(OnProcessRoleCondition.RunsServices.class)
@ConditionalOnBooleanProperty(name = "oslo.service.enabled", matchIfMissing = true)
public final class ClusterLockAutoConfiguration {

	@Bean
	@ConditionalOnSingleCandidate(LockProvider.class)
	@ConditionalOnMissingBean(ClusterLock.class)
	ClusterLock osloClusterLock(LockProvider provider) {
		return new ShedLockClusterLock(provider);
	}

	/**
	 * No lock provider of the application's: ShedLock's JDBC one on its data source.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass(name = { "net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider",
			"org.springframework.jdbc.core.JdbcTemplate", "org.springframework.boot.jdbc.EmbeddedDatabaseConnection" })
	@ConditionalOnMissingBean({ LockProvider.class, ClusterLock.class })
	@ConditionalOnSingleCandidate(DataSource.class)
	static class JdbcLockConfiguration {

		@Bean
		ClusterLock osloJdbcClusterLock(DataSource dataSource, OsloServiceProperties properties) {
			OsloServiceProperties.Lock settings = properties.getPeriodic().getLock();
			return new JdbcClusterLock(dataSource, settings.getTableName(), settings.getInitializeSchema());
		}

	}

}
