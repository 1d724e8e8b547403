package dev.oslo.service.process;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.locks.ReentrantLock;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ThreadDumpTests {

	@Test
	void namesTheThreadsOfADeadlockWhatEachWaitsForAndWhoHoldsItWithEveryFrame() {
		ReentrantLock first = new ReentrantLock();
		ReentrantLock second = new ReentrantLock();
		CountDownLatch bothHold = new CountDownLatch(2);
		Thread a = lockBoth("deadlock-a", first, second, bothHold);
		Thread b = lockBoth("deadlock-b", second, first, bothHold);
		try {
			String dump = await().atMost(Duration.ofSeconds(30))
				.until(ThreadDump::ofThisJvm, (text) -> text.contains("in a deadlock"));
			assertThat(dump).containsPattern("in a deadlock: (\"deadlock-a\" #" + a.getId() + ", \"deadlock-b\" #"
					+ b.getId() + "|\"deadlock-b\" #" + b.getId() + ", \"deadlock-a\" #" + a.getId() + ")");
			assertThat(dump).containsPattern("\"deadlock-a\" #" + a.getId()
					+ " daemon WAITING on java.util.concurrent.locks.ReentrantLock\\$NonfairSync@\\w+ held by "
					+ "\"deadlock-b\" #" + b.getId());
			assertThat(dump)
				.contains("\tat " + ThreadDumpTests.class.getName() + ".lambda$lockBoth$",
						"\t- holds java.util.concurrent.locks.ReentrantLock$NonfairSync@",
						"\tat java.util.concurrent.locks.ReentrantLock.lockInterruptibly(java.base@")
				.doesNotContain("app//");
		}
		finally {
			a.interrupt();
			b.interrupt();
		}
	}

	private static Thread lockBoth(String name, ReentrantLock held, ReentrantLock wanted, CountDownLatch bothHold) {
		Thread thread = new Thread(() -> {
			held.lock();
			try {
				bothHold.countDown();
				bothHold.await();
				wanted.lockInterruptibly();
				wanted.unlock();
			}
			catch (InterruptedException ex) {
				Thread.currentThread().interrupt();
			}
			finally {
				held.unlock();
			}
		}, name);
		thread.setDaemon(true);
		thread.start();
		return thread;
	}

}
