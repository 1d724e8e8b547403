package dev.oslo.sample;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import com.jayway.jsonpath.JsonPath;
import dev.oslo.sample.docs.DocumentedManifests;
import dev.oslo.sample.docs.KubernetesManifestCheck;
import dev.oslo.sample.docs.ManifestType;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The probes of the documented Kubernetes manifests point at paths that the sample app
 * serves when it runs with the configuration of docs/howto-kubernetes.md, and they answer
 * {@code UP} once it has started.
 */
class DocumentedProbesIT {

	@Test
	void sampleWithTheKubernetesGuidesConfigurationAnswersEveryDocumentedProbe() throws Exception {
		DocumentedManifests docs = DocumentedManifests.ofThisRepository();
		KubernetesManifestCheck check = new KubernetesManifestCheck();
		Set<String> paths = new TreeSet<>();
		docs.ofType(ManifestType.KUBERNETES).forEach((manifest) -> paths.addAll(check.probePaths(manifest.text())));
		Map<String, String> configuration = docs.guideConfiguration("docs/howto-kubernetes.md");
		assertThat(paths).isNotEmpty();
		assertThat(configuration).containsKey("management.endpoint.health.probes.enabled");
		String[] arguments = configuration.entrySet()
			.stream()
			.map((property) -> "--" + property.getKey() + "=" + property.getValue())
			.toArray(String[]::new);
		try (SampleProcess app = SampleProcess.start(arguments).awaitStarted()) {
			for (String path : paths) {
				await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
					String body = app.get(path);
					assertThat(body).as("GET %s", path).isNotEmpty();
					assertThat(JsonPath.parse(body).read("$.status", String.class)).as("GET %s", path).isEqualTo("UP");
				});
			}
		}
	}

}
