package dev.oslo.service.signal;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import sun.misc.Signal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class SignalDispatcherTests {

	private final SignalDispatcher dispatcher = new SignalDispatcher("test-signal");

	@AfterEach
	void close() {
		this.dispatcher.close();
	}

	@Test
	void serialActionRunsOnTheDispatcherThreadWithTheCreatorsClassLoader() {
		List<Thread> threads = new CopyOnWriteArrayList<>();
		assertThat(this.dispatcher.onSignal("WINCH", () -> threads.add(Thread.currentThread()))).isTrue();
		Signal.raise(new Signal("WINCH"));
		await().until(() -> !threads.isEmpty());
		assertThat(threads.get(0).getName()).isEqualTo("test-signal");
		assertThat(threads.get(0).getContextClassLoader()).isSameAs(Thread.currentThread().getContextClassLoader());
	}

	@Test
	void immediateActionRunsOnTheSignalsOwnThread() {
		List<String> threads = new CopyOnWriteArrayList<>();
		assertThat(this.dispatcher.onSignalImmediately("WINCH", () -> threads.add(Thread.currentThread().getName())))
			.isTrue();
		Signal.raise(new Signal("WINCH"));
		await().until(() -> !threads.isEmpty());
		assertThat(threads.get(0)).contains("SIGWINCH");
	}

	@Test
	void closeRestoresThePreviousHandler() {
		AtomicInteger before = new AtomicInteger();
		Signal winch = new Signal("WINCH");
		Object original = Signal.handle(winch, (signal) -> before.incrementAndGet());
		try {
			AtomicInteger ours = new AtomicInteger();
			this.dispatcher.onSignalImmediately("WINCH", ours::incrementAndGet);
			this.dispatcher.close();
			Signal.raise(winch);
			await().until(() -> before.get() == 1);
			assertThat(ours).hasValue(0);
		}
		finally {
			Signal.handle(winch, (sun.misc.SignalHandler) original);
		}
	}

	@Test
	void unknownSignalIsReportedNotThrown() {
		assertThat(this.dispatcher.onSignal("NOSUCHSIGNAL", () -> {
		})).isFalse();
	}

}
