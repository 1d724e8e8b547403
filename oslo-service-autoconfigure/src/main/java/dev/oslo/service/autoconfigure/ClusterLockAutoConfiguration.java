package dev.oslo.service.autoconfigure;

import java.util.Optional;

import javax.sql.DataSource;

import dev.oslo.service.periodic.ClusterLock;
import net.javacrumbs.shedlock.core.LockProvider;
import net.javacrumbs.shedlock.provider.jdbctemplate.JdbcTemplateLockProvider;

import org.springframework.boot.autoconfigure.AutoConfiguration;
import org.springframework.boot.autoconfigure.condition.ConditionalOnBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnClass;
import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.boot.autoconfigure.condition.ConditionalOnSingleCandidate;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.JdbcTemplate;

/**
 * The cluster lock of {@code @PeriodicTask(clusterSingleton = true)} tasks, on ShedLock: the
 * application's own {@link LockProvider} bean when it has one, else ShedLock's JDBC provider on
 * the application's {@link DataSource}, on database time (so that the replicas' clocks do not
 * matter), holder {@code host:pid}.
 */
@AutoConfiguration(after = OsloServiceAutoConfiguration.class, before = PeriodicTaskAutoConfiguration.class,
		afterName = "org.springframework.boot.jdbc.autoconfigure.DataSourceAutoConfiguration")
@ConditionalOnClass(LockProvider.class)
@Conditional(OnProcessRoleCondition.RunsServices.class)
public final class ClusterLockAutoConfiguration {

	@Bean
	@ConditionalOnBean(LockProvider.class)
	@ConditionalOnMissingBean(ClusterLock.class)
	ClusterLock osloClusterLock(LockProvider provider) {
		return new ShedLockClusterLock(provider, (name) -> Optional.empty());
	}

	/**
	 * No lock provider of the application's: ShedLock's JDBC one on its data source.
	 */
	@Configuration(proxyBeanMethods = false)
	@ConditionalOnClass({ JdbcTemplateLockProvider.class, JdbcTemplate.class })
	@ConditionalOnMissingBean({ LockProvider.class, ClusterLock.class })
	@ConditionalOnSingleCandidate(DataSource.class)
	static class JdbcLockConfiguration {

		@Bean
		ClusterLock osloClusterLock(DataSource dataSource, OsloServiceProperties properties) {
			JdbcTemplate jdbc = new JdbcTemplate(dataSource);
			OsloServiceProperties.Lock settings = properties.getPeriodic().getLock();
			JdbcLockTable table = new JdbcLockTable(jdbc, settings.getTableName(), settings.isCreateTable());
			LockProvider provider = new JdbcTemplateLockProvider(JdbcTemplateLockProvider.Configuration.builder()
				.withJdbcTemplate(jdbc)
				.withTableName(settings.getTableName())
				.withLockedByValue(LockHolder.describe())
				.usingDbTime()
				.build());
			LockProvider creatingTable = (configuration) -> {
				table.ensureExists();
				return provider.lock(configuration);
			};
			return new ShedLockClusterLock(creatingTable, table::holder);
		}

	}

}
