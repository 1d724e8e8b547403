package dev.oslo.service.internal.boot;

import java.util.Map;

import org.junit.jupiter.api.Test;

import org.springframework.boot.test.context.FilteredClassLoader;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;

import static org.assertj.core.api.Assertions.assertThatIllegalStateException;

/**
 * A master whose workers cannot serve its socket fails at start-up, saying why and what
 * to do.
 */
class MultiProcessHttpTests {

	@Test
	void aWebServerOtherThanTomcatFailsStartUpNamingTheChoices() {
		StandardEnvironment environment = new StandardEnvironment();
		environment.getPropertySources()
			.addFirst(new MapPropertySource("test", Map.of("oslo.service.workers", "2", "server.port", "0")));
		FilteredClassLoader withoutTomcat = new FilteredClassLoader("org.springframework.boot.tomcat.");
		assertThatIllegalStateException()
			.isThrownBy(() -> MultiProcessHttp.openListeningSocket(environment, withoutTomcat))
			.withMessageContaining("only Tomcat can serve such a socket")
			.withMessageContaining("oslo.service.workers=1")
			.withMessageContaining("spring.main.web-application-type=none");
	}

}
