package dev.oslo.service.internal;

import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;

/**
 * The {@code main} of a JVM that {@link FastHaltIT} halts: a thread sits in a native
 * {@code accept()}, as a web server's acceptor does, the last words are printed without a
 * line end (so they are still in {@code System.out}'s buffer), then
 * {@link ProcessExit#JVM} halts with status 3.
 */
final class FastHaltFixture {

	private FastHaltFixture() {
	}

	public static void main(String[] args) throws Exception {
		ServerSocketChannel channel = ServerSocketChannel.open();
		channel.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
		Thread acceptor = new Thread(() -> {
			try {
				channel.accept();
			}
			catch (Exception ex) {
				// ends with the process
			}
		}, "acceptor");
		acceptor.setDaemon(true);
		acceptor.start();
		ProcessExit.JVM.prepare();
		long deadline = System.nanoTime() + 60_000_000_000L;
		while (!FastHalt.isReady() && System.nanoTime() < deadline) {
			Thread.onSpinWait();
		}
		System.out.print("linked: " + FastHalt.isReady() + "; last words");
		ProcessExit.JVM.halt(3);
	}

}
