package dev.oslo.service.process;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ControlMessageTests {

	@Test
	void aMessageOfSeveralLinesTravelsOnOneLineAndArrivesWhole() {
		ControlMessage message = new ControlMessage(ControlMessage.Type.THREADS,
				"\"main\" #1 RUNNABLE\r\n\tat C:\\app\\Main.main(Main.java:3)\n\\n is not a line break");
		assertThat(message.encode()).doesNotContain("\n", "\r").startsWith("THREADS ");
		assertThat(ControlMessage.decode(message.encode())).contains(message);
	}

	@Test
	void anUnknownKeywordIsSkippedRatherThanFatal() {
		assertThat(ControlMessage.decode("DRAIN now")).isEmpty();
		assertThat(ControlMessage.decode("READY")).contains(ControlMessage.of(ControlMessage.Type.READY));
	}

}
