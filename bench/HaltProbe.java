import java.net.InetSocketAddress;
import java.nio.channels.ServerSocketChannel;

/**
 * How long does {@code Runtime.halt()} take? Run by bench/halt_probe.py, which times the exit from
 * outside. With the argument {@code accept}, a daemon thread first blocks in a native
 * {@code accept()} (as Tomcat's acceptor does): HotSpot's final safepoint then waits ~300 ms for
 * threads "in native" before the process ends.
 */
public class HaltProbe {

	public static void main(String[] args) throws Exception {
		if (args.length > 0 && args[0].equals("accept")) {
			ServerSocketChannel channel = ServerSocketChannel.open();
			channel.bind(new InetSocketAddress("127.0.0.1", 0));
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
		}
		Thread.sleep(500);
		System.out.println("halting");
		System.out.flush();
		Runtime.getRuntime().halt(1);
	}

}
