package dev.oslo.service.internal.boot;

import java.util.HashMap;
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
		FilteredClassLoader withoutTomcat = new FilteredClassLoader("org.springframework.boot.tomcat.");
		assertThatIllegalStateException()
			.isThrownBy(() -> MultiProcessHttp.openListeningSocket(environment(Map.of()), withoutTomcat))
			.withMessageContaining("only Tomcat can serve such a socket")
			.withMessageContaining("oslo.service.workers=1")
			.withMessageContaining("spring.main.web-application-type=none");
	}

	private static StandardEnvironment environment(Map<String, Object> properties) {
		StandardEnvironment environment = new StandardEnvironment();
		Map<String, Object> all = new HashMap<>(properties);
		all.put("oslo.service.workers", "2");
		all.put("server.port", "0");
		environment.getPropertySources().addFirst(new MapPropertySource("test", all));
		return environment;
	}

}
