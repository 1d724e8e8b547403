package dev.oslo.service.internal;

import java.time.Duration;
import java.util.Map;

import dev.oslo.service.test.process.ChildJvm;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * {@link ProcessExit#JVM}'s halt, in a real JVM with a thread in native code.
 */
class FastHaltIT {

	@Test
	void aHaltEndsTheProcessThroughTheCLibraryWithItsStatusAndItsLastWordsPrinted() throws Exception {
		try (ChildJvm fixture = ChildJvm.start(ChildJvm.javaMain(FastHaltFixture.class), Map.of())) {
			assertThat(fixture.awaitExit(Duration.ofSeconds(60))).isEqualTo(3);
			assertThat(fixture.output()).contains("linked: true; last words");
		}
	}

}
