package dev.oslo.sample.docs;

import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The verification fails a unit that systemd would load with a setting ignored: each test
 * breaks the documented unit in one way.
 */
class SystemdUnitVerificationTests {

	private static final String UNIT = DocumentedManifests.ofThisRepository()
		.find("docs/systemd/oslo-sample-systemd252.service")
		.text();

	private static Optional<SystemdUnitVerification> systemd;

	@TempDir
	Path directory;

	@BeforeAll
	static void findSystemd() throws IOException, InterruptedException {
		systemd = SystemdUnitVerification.onThisMachine();
	}

	@Test
	void documentedUnitHasNoError() throws Exception {
		assertThat(errorsOf(UNIT)).isEmpty();
	}

	@Test
	void misspelledKeyIsReported() throws Exception {
		assertThat(errorsOf(replace("KillMode=mixed", "KilMode=mixed"))).singleElement(STRING)
			.contains("Unknown key")
			.contains("KilMode");
	}

	@Test
	void invalidValueIsReported() throws Exception {
		assertThat(errorsOf(replace("Restart=on-failure", "Restart=sometimes"))).singleElement(STRING)
			.contains("sometimes");
	}

	@Test
	void keyInTheWrongSectionIsReported() throws Exception {
		assertThat(errorsOf(replace("WantedBy=multi-user.target", "WantedBy=multi-user.target\nKillMode=mixed")))
			.singleElement(STRING)
			.contains("Unknown key")
			.contains("[Install]");
	}

	private List<String> errorsOf(String unit) throws IOException, InterruptedException {
		assumeTrue(systemd.isPresent(), "systemd-analyze is not installed");
		return systemd.get().errorsOf(unit, "my-daemon.service", this.directory);
	}

	private static String replace(String text, String replacement) {
		assertThat(UNIT).contains(text);
		return UNIT.replace(text, replacement);
	}

}
