package dev.oslo.service.process;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

class ControlMessageTests {

	@Test
	void aMessageSurvivesEncodingOnOneLine() {
		ControlMessage message = new ControlMessage(ControlMessage.Type.RELOADED, "failed: bad\nvalue");
		assertThat(message.encode()).isEqualTo("RELOADED failed: bad value");
		assertThat(ControlMessage.decode(message.encode()))
			.contains(new ControlMessage(ControlMessage.Type.RELOADED, "failed: bad value"));
	}

	@Test
	void anUnknownKeywordIsSkippedRatherThanFatal() {
		assertThat(ControlMessage.decode("DRAIN now")).isEmpty();
		assertThat(ControlMessage.decode("READY")).contains(ControlMessage.of(ControlMessage.Type.READY));
	}

}
