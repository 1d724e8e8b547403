package dev.oslo.bench.periodic;

import org.springframework.boot.autoconfigure.condition.ConditionalOnExpression;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * {@code @EnableScheduling}, only for the Spring variants ({@code bench.scheduler=spring...}): the
 * oslo variants do not process {@code @Scheduled} at all. Spring Boot then auto-configures its
 * default {@code ThreadPoolTaskScheduler} (one thread, {@code scheduling-1}).
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnExpression("'${bench.scheduler}'.startsWith('spring')")
@EnableScheduling
class SpringSchedulingConfiguration {

}
