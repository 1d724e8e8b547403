package dev.oslo.bench.plain;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.springframework.scheduling.annotation.EnableScheduling;

/**
 * Benchmark baseline: the sample daemon's two services written with plain Spring, no oslo.service
 * starter. Shutdown is Spring Boot's default: the JVM shutdown hook closes the context.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
@EnableScheduling
public class PlainApplication {

	public static void main(String[] args) {
		SpringApplication.run(PlainApplication.class, args);
	}

}
