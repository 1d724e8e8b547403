package dev.oslo.sample.docs;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * Every Kubernetes manifest and systemd unit that the docs give users to copy is one that
 * the API server would store and systemd would load without complaint. The systemd checks
 * are skipped only where {@code systemd-analyze} is not installed.
 */
class DocumentedManifestsTests {

	private static final DocumentedManifests DOCS = DocumentedManifests.ofThisRepository();

	private static Optional<SystemdUnitVerification> systemd;

	@BeforeAll
	static void findSystemd() throws IOException, InterruptedException {
		systemd = SystemdUnitVerification.onThisMachine();
	}

	static List<DocumentedManifest> kubernetesManifests() {
		return DOCS.ofType(ManifestType.KUBERNETES);
	}

	static List<DocumentedManifest> systemdUnits() {
		return DOCS.ofType(ManifestType.SYSTEMD_UNIT);
	}

	static List<DocumentedManifest> blocksShowingAFile() {
		return DOCS.all().stream().filter((manifest) -> manifest.copyOf() != null).toList();
	}

	@Test
	void everyGuideWithAManifestIsFound() {
		assertThat(DOCS.all()).map(DocumentedManifest::source)
			.contains("docs/kubernetes/deployment.yaml", "docs/systemd/oslo-sample.service",
					"docs/systemd/oslo-sample-systemd252.service")
			.anyMatch((source) -> source.startsWith("docs/howto-kubernetes.md:"))
			.anyMatch((source) -> source.startsWith("docs/howto-replicas.md:"))
			.anyMatch((source) -> source.startsWith("docs/howto-systemd.md:"));
		assertThat(blocksShowingAFile()).map(DocumentedManifest::source)
			.anyMatch((source) -> source.startsWith("docs/howto-kubernetes.md:"))
			.anyMatch((source) -> source.startsWith("docs/howto-systemd.md:"));
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("kubernetesManifests")
	void kubernetesManifestIsValidAndFollowsTheGuide(DocumentedManifest manifest) {
		assertThat(new KubernetesManifestCheck().errorsOf(manifest.text(), manifest.guideConfiguration()))
			.as("errors in %s", manifest.source())
			.isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("systemdUnits")
	void systemdUnitPassesSystemdAnalyzeVerify(DocumentedManifest unit, @TempDir Path directory)
			throws IOException, InterruptedException {
		assumeTrue(systemd.isPresent(), "systemd-analyze is not installed");
		assertThat(systemd.get().errorsOf(unit.text(), SystemdUnitVerification.unitFileName(unit), directory))
			.as("systemd %s on %s", systemd.get().version(), unit.source())
			.isEmpty();
	}

	@ParameterizedTest(name = "{0}")
	@MethodSource("blocksShowingAFile")
	void blockIntroducedByALinkToAFileShowsThatFile(DocumentedManifest block) throws IOException {
		Path file = block.copyOf();
		assertThat(file).isNotNull();
		assertThat(significantLines(block.text())).as("%s against %s", block.source(), file)
			.isEqualTo(significantLines(Files.readString(file)));
	}

	/**
	 * The lines that are not blank or comments: a file may explain more than the guide's
	 * copy of it does.
	 */
	private static List<String> significantLines(String text) {
		return text.lines()
			.map(String::stripTrailing)
			.filter((line) -> !line.isBlank() && !line.strip().startsWith("#") && !line.strip().startsWith(";"))
			.toList();
	}

}
