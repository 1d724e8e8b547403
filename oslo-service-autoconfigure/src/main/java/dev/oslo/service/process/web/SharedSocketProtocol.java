package dev.oslo.service.process.web;

import org.apache.coyote.http11.Http11NioProtocol;

/**
 * Tomcat's HTTP/1.1 NIO protocol over the listening socket a worker inherits from its
 * master: {@link SharedSocketEndpoint}. Tomcat creates it by its class name.
 *
 * @since 0.1.0
 */
public class SharedSocketProtocol extends Http11NioProtocol {

	/**
	 * Create the protocol.
	 */
	public SharedSocketProtocol() {
		super(new SharedSocketEndpoint());
	}

}
