package dev.oslo.service.internal.boot;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.junit.jupiter.api.Test;

import org.springframework.boot.availability.AvailabilityChangeEvent;
import org.springframework.boot.availability.ReadinessState;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.context.support.GenericApplicationContext;

import static org.assertj.core.api.Assertions.assertThat;

class RefuseTrafficThenCloseContextTests {

	@Test
	void readinessRefusesTrafficBeforeTheContextCloses() {
		List<String> events = new CopyOnWriteArrayList<>();
		GenericApplicationContext context = new GenericApplicationContext();
		context.addApplicationListener((ApplicationListener<AvailabilityChangeEvent<?>>) (event) -> events
			.add(String.valueOf(event.getState())));
		context.addApplicationListener((ApplicationListener<ContextClosedEvent>) (event) -> events.add("closed"));
		context.refresh();
		new RefuseTrafficThenCloseContext(context).run();
		assertThat(events).containsExactly(ReadinessState.REFUSING_TRAFFIC.name(), "closed");
		assertThat(context.isActive()).isFalse();
	}

}
