package dev.oslo.service.process;

import java.time.Duration;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

class SupervisionSettingsTests {

	@Test
	void aHeartbeatTimeoutIsZeroForOffOrLongerThanTheHeartbeatInterval() {
		assertThat(withHeartbeatTimeout(Duration.ZERO).heartbeatTimeout()).isZero();
		assertThat(withHeartbeatTimeout(Duration.ofMillis(1001)).heartbeatTimeout()).hasMillis(1001);
		for (Duration rejected : new Duration[] { Duration.ofSeconds(1), Duration.ofMillis(500),
				Duration.ofSeconds(-30) }) {
			assertThatIllegalArgumentException().isThrownBy(() -> withHeartbeatTimeout(rejected))
				.withMessageContaining("heartbeatTimeout must be 0 (off) or longer than the heartbeat interval (PT1S)");
		}
	}

	private static SupervisionSettings withHeartbeatTimeout(Duration timeout) {
		SupervisionSettings defaults = SupervisionSettings.DEFAULTS;
		return new SupervisionSettings(defaults.bootTimeout(), defaults.respawnDelay(), defaults.maxRespawnDelay(),
				defaults.respawnResetAfter(), defaults.maxRestarts(), defaults.restartWindow(), timeout,
				defaults.standby());
	}

}
