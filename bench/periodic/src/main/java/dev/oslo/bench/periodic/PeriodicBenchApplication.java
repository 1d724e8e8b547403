package dev.oslo.bench.periodic;

import org.springframework.boot.SpringApplication;
import org.springframework.boot.autoconfigure.SpringBootApplication;

/**
 * Benchmark app of periodic tasks: {@code @PeriodicTask} (oslo.service starter) against Spring's
 * {@code @Scheduled}. What it does is chosen with properties:
 * <ul>
 * <li>{@code bench.mode=schedule}: one 200 ms task ({@link ScheduleConfiguration}), its start times
 * printed as {@code BENCH-SCHEDULE ...} after {@code bench.runs} runs;</li>
 * <li>{@code bench.mode=many}: {@code bench.tasks} generated tasks ({@link ManyTasksConfiguration}),
 * heap after GC printed as {@code BENCH-READY ...} once started.</li>
 * </ul>
 */
@SpringBootApplication
public class PeriodicBenchApplication {

	public static void main(String[] args) {
		SpringApplication.run(PeriodicBenchApplication.class, args);
	}

}
