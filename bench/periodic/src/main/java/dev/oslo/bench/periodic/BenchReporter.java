package dev.oslo.bench.periodic;

import java.lang.management.ManagementFactory;

import dev.oslo.service.periodic.PeriodicTaskScheduler;
import jakarta.annotation.PreDestroy;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.context.event.ApplicationReadyEvent;
import org.springframework.context.event.EventListener;
import org.springframework.scheduling.config.ScheduledTaskHolder;
import org.springframework.stereotype.Component;

/**
 * Prints {@code BENCH-READY} once the app has started: how many tasks each scheduler holds and, in
 * {@code bench.mode=many} only (a full GC would disturb the 200 ms schedule), the used heap after
 * three {@link System#gc()}. Prints {@code BENCH-END runs=<n>} (runs of the generated tasks) when
 * the context closes.
 */
@Component
class BenchReporter {

	private final ObjectProvider<PeriodicTaskScheduler> oslo;

	private final ObjectProvider<ScheduledTaskHolder> spring;

	private final String mode;

	BenchReporter(ObjectProvider<PeriodicTaskScheduler> oslo, ObjectProvider<ScheduledTaskHolder> spring,
			@Value("${bench.mode}") String mode) {
		this.oslo = oslo;
		this.spring = spring;
		this.mode = mode;
	}

	@EventListener(ApplicationReadyEvent.class)
	void ready() throws InterruptedException {
		PeriodicTaskScheduler scheduler = this.oslo.getIfAvailable();
		int osloTasks = (scheduler != null) ? scheduler.snapshot().size() : -1;
		int springTasks = this.spring.orderedStream().mapToInt((holder) -> holder.getScheduledTasks().size()).sum();
		long heap = -1;
		if ("many".equals(this.mode)) {
			for (int i = 0; i < 3; i++) {
				System.gc();
				Thread.sleep(100);
			}
			heap = ManagementFactory.getMemoryMXBean().getHeapMemoryUsage().getUsed();
		}
		System.out.println("BENCH-READY oslo-tasks=" + osloTasks + " spring-tasks=" + springTasks
				+ " heap-used-after-gc=" + heap + " runs=" + TaskCounter.runs());
		System.out.flush();
	}

	@PreDestroy
	void end() {
		System.out.println("BENCH-END runs=" + TaskCounter.runs());
		System.out.flush();
	}

}
