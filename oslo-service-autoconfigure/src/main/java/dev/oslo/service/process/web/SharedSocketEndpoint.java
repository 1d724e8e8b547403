package dev.oslo.service.process.web;

import java.io.IOException;
import java.nio.channels.Channel;
import java.nio.channels.ClosedSelectorException;
import java.nio.channels.NetworkChannel;
import java.nio.channels.SelectionKey;
import java.nio.channels.Selector;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import dev.oslo.service.process.ListeningSocket;
import org.apache.tomcat.util.net.NioChannel;
import org.apache.tomcat.util.net.NioEndpoint;
import org.apache.tomcat.util.net.SocketEvent;
import org.apache.tomcat.util.net.SocketWrapperBase;
import org.jspecify.annotations.Nullable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tomcat's NIO endpoint over the listening socket a worker inherits from its master (see
 * {@link ListeningSocket}), which every worker of the group accepts from. It differs from
 * Tomcat's own endpoint in how it stops accepting, so that no connection is lost when one
 * worker of the group stops:
 * <ul>
 * <li>Tomcat blocks in {@code accept()} and wakes itself by connecting to its own
 * listening address. With a shared socket that connection may reach another worker, while
 * this one's {@code accept()} takes a client's connection and, paused, closes it. Closing
 * the inherited channel instead is no better: the JDK then points standard output and
 * error at {@code /dev/null}. Here the acceptor waits with a selector on the
 * (non-blocking) shared socket, and stopping wakes the selector: nothing is taken from
 * the shared queue, whose connections go to the workers still accepting.</li>
 * <li>The acceptor is parked before the endpoint is paused, so that it never holds a
 * connection when it learns of the pause (Tomcat closes such a connection).</li>
 * <li>Pausing waits (a few seconds at most) until the first request of every connection
 * accepted before has been handled: once paused, Tomcat closes a connection whose request
 * it has not begun to read, and Spring Boot's graceful shutdown waits only for requests
 * being processed.</li>
 * <li>Then, for a second at most, the next request on each kept-alive connection is
 * answered with {@code Connection: close}: once paused, Tomcat closes such a connection,
 * unanswered, when its next request arrives.</li>
 * </ul>
 * A paused endpoint of a worker does not resume; Spring Boot pauses a connector only to
 * stop it.
 *
 * @since 0.1.0
 */
public class SharedSocketEndpoint extends NioEndpoint {

	private static final Logger logger = LoggerFactory.getLogger(SharedSocketEndpoint.class);

	private static final Duration PARK_TIMEOUT = Duration.ofSeconds(1);

	private static final Duration SERVE_TIMEOUT = Duration.ofSeconds(5);

	private static final Duration KEEP_ALIVE_DRAIN = Duration.ofSeconds(1);

	private final Object monitor = new Object();

	/** Connections accepted whose first request has not been handled yet. */
	private final Set<SocketChannel> unserved = ConcurrentHashMap.newKeySet();

	private volatile @Nullable ServerSocketChannel shared;

	private volatile @Nullable Selector selector;

	private boolean accepting = true;

	private boolean parked;

	/**
	 * Create an endpoint over the inherited channel.
	 */
	public SharedSocketEndpoint() {
		setUseInheritedChannel(true);
	}

	@Override
	protected void initServerSocket() throws Exception {
		Channel inherited = System.inheritedChannel();
		if (!(inherited instanceof ServerSocketChannel server)) {
			throw new IllegalStateException(
					"This worker's standard input is not its master's listening socket but " + inherited);
		}
		// Non-blocking for the whole group: every worker waits with a selector.
		server.configureBlocking(false);
		Selector waiting = Selector.open();
		server.register(waiting, SelectionKey.OP_ACCEPT);
		this.shared = server;
		this.selector = waiting;
	}

	@Override
	protected @Nullable NetworkChannel getServerSocket() {
		return this.shared;
	}

	@Override
	protected SocketChannel serverSocketAccept() throws Exception {
		ServerSocketChannel server = this.shared;
		Selector waiting = this.selector;
		try {
			while (server != null && waiting != null && awaitAccepting()) {
				SocketChannel accepted = accept(server);
				if (accepted != null) {
					this.unserved.add(accepted);
					return accepted;
				}
				waiting.select();
				waiting.selectedKeys().clear();
			}
		}
		catch (ClosedSelectorException ex) {
			// Unbound while waiting: stopping.
		}
		// Stopping: an unconnected channel, which the acceptor closes before it ends,
		// rather than a connection taken from the workers still accepting.
		return SocketChannel.open();
	}

	/**
	 * The next connection, if one waits; none once the master has stopped the socket
	 * listening (the group is stopping, and this worker will be told so in a moment).
	 */
	private @Nullable SocketChannel accept(ServerSocketChannel server) throws IOException {
		try {
			return server.accept();
		}
		catch (IOException ex) {
			if (ListeningSocket.inheritedListens()) {
				throw ex;
			}
			logger.debug("The master stopped the shared socket listening; waiting to be stopped");
			synchronized (this.monitor) {
				this.accepting = false;
			}
			return null;
		}
	}

	/**
	 * Whether to accept; when this endpoint stops accepting, park until it is paused or
	 * stopped.
	 */
	private boolean awaitAccepting() throws InterruptedException {
		synchronized (this.monitor) {
			if (!this.accepting) {
				this.parked = true;
				this.monitor.notifyAll();
				while (isRunning() && !isPaused()) {
					this.monitor.wait();
				}
				return false;
			}
		}
		return isRunning() && !isPaused();
	}

	/**
	 * Track when each accepted connection has had its first request handled.
	 */
	@Override
	public void setHandler(Handler<NioChannel> handler) {
		super.setHandler(new FirstRequestTracking(handler));
	}

	/**
	 * Stop accepting: park the acceptor, wait until the first request of every connection
	 * accepted before has been handled (Tomcat closes, unread, a connection whose request
	 * starts after the pause), then pause.
	 */
	@Override
	public void pause() {
		try {
			parkAcceptor();
			awaitServed();
			closeKeptAliveConnections();
			super.pause();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
			super.pause();
		}
	}

	private void parkAcceptor() throws InterruptedException {
		long deadline = System.nanoTime() + PARK_TIMEOUT.toNanos();
		synchronized (this.monitor) {
			this.accepting = false;
			wakeSelector();
			while (!this.parked && isRunning() && System.nanoTime() < deadline) {
				this.monitor.wait(Math.max(1, (deadline - System.nanoTime()) / 1_000_000));
			}
		}
	}

	private void awaitServed() throws InterruptedException {
		long deadline = System.nanoTime() + SERVE_TIMEOUT.toNanos();
		synchronized (this.monitor) {
			this.unserved.removeIf((channel) -> !channel.isOpen());
			while (!this.unserved.isEmpty() && System.nanoTime() < deadline) {
				this.monitor.wait(Math.max(1, Math.min(50, (deadline - System.nanoTime()) / 1_000_000)));
				this.unserved.removeIf((channel) -> !channel.isOpen());
			}
		}
		if (!this.unserved.isEmpty()) {
			logger.warn("Pausing with {} connection(s) whose first request was not handled within {} s",
					this.unserved.size(), SERVE_TIMEOUT.toSeconds());
		}
	}

	/**
	 * Answer the next request of every kept-alive connection with
	 * {@code Connection: close}, and give busy clients a moment to send it: once paused,
	 * Tomcat closes such a connection unanswered when its next request arrives.
	 * Connections that stay idle meanwhile are closed with the endpoint.
	 */
	private void closeKeptAliveConnections() throws InterruptedException {
		setMaxKeepAliveRequests(1);
		long deadline = System.nanoTime() + KEEP_ALIVE_DRAIN.toNanos();
		synchronized (this.monitor) {
			while (!this.connections.isEmpty() && System.nanoTime() < deadline) {
				this.monitor.wait(Math.max(1, Math.min(20, (deadline - System.nanoTime()) / 1_000_000)));
			}
		}
	}

	private void served(SocketWrapperBase<NioChannel> socket) {
		if (this.unserved.remove(socket.getSocket().getIOChannel())) {
			synchronized (this.monitor) {
				this.monitor.notifyAll();
			}
		}
	}

	/**
	 * Wake the acceptor without a connection.
	 */
	@Override
	protected void unlockAccept() {
		synchronized (this.monitor) {
			this.monitor.notifyAll();
		}
		wakeSelector();
	}

	private void wakeSelector() {
		Selector waiting = this.selector;
		if (waiting != null) {
			waiting.wakeup();
		}
	}

	/**
	 * Stop waiting on the shared socket and drop this worker's reference to it (see
	 * {@link ListeningSocket#releaseInherited()}); the socket stays open while the master
	 * or another worker holds it. The inherited channel itself is not closed: that would
	 * take this worker's standard output and error with it.
	 */
	@Override
	protected void doCloseServerSocket() throws IOException {
		Selector waiting = this.selector;
		this.selector = null;
		this.shared = null;
		if (waiting != null) {
			waiting.close();
			ListeningSocket.releaseInherited();
		}
		super.doCloseServerSocket();
	}

	/**
	 * Tomcat's connection handler, telling the endpoint when a connection's request has
	 * been handled.
	 */
	private final class FirstRequestTracking implements Handler<NioChannel> {

		private final Handler<NioChannel> handler;

		FirstRequestTracking(Handler<NioChannel> handler) {
			this.handler = handler;
		}

		@Override
		public SocketState process(SocketWrapperBase<NioChannel> socket, SocketEvent status) {
			try {
				return this.handler.process(socket, status);
			}
			finally {
				served(socket);
			}
		}

		@Override
		public Object getGlobal() {
			return this.handler.getGlobal();
		}

		@Override
		public void release(SocketWrapperBase<NioChannel> socketWrapper) {
			this.handler.release(socketWrapper);
		}

		@Override
		public void pause() {
			this.handler.pause();
		}

		@Override
		public void recycle() {
			this.handler.recycle();
		}

	}

}
