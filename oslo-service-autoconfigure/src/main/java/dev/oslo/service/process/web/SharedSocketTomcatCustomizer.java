package dev.oslo.service.process.web;

import org.springframework.boot.tomcat.TomcatWebServerFactory;
import org.springframework.boot.web.server.WebServerFactoryCustomizer;

/**
 * In a worker that inherited its master's listening socket, makes Tomcat accept from that
 * socket ({@link SharedSocketProtocol}) rather than bind {@code server.port} itself.
 *
 * @since 0.1.0
 */
public final class SharedSocketTomcatCustomizer implements WebServerFactoryCustomizer<TomcatWebServerFactory> {

	@Override
	public void customize(TomcatWebServerFactory factory) {
		factory.setProtocol(SharedSocketProtocol.class.getName());
	}

}
