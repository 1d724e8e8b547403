package dev.oslo.sample.docs;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.InstanceOfAssertFactories.STRING;

/**
 * The check fails a manifest that the API server would reject, or that breaks the guide's
 * rules: each test breaks the documented Deployment in one way.
 */
class KubernetesManifestCheckTests {

	private static final DocumentedManifest DEPLOYMENT = DocumentedManifests.ofThisRepository()
		.find("docs/kubernetes/deployment.yaml");

	private final KubernetesManifestCheck check = new KubernetesManifestCheck();

	@Test
	void documentedDeploymentHasNoError() {
		assertThat(errorsOf(DEPLOYMENT.text())).isEmpty();
	}

	@Test
	void missingSelectorIsRequired() {
		assertThat(errorsOf(without("  selector:\n    matchLabels: { app: my-daemon }\n")))
			.containsExactly("Deployment my-daemon: spec.selector: Required value");
	}

	@Test
	void selectorThatDoesNotMatchTheTemplateLabelsIsRejected() {
		assertThat(errorsOf(replace("matchLabels: { app: my-daemon }", "matchLabels: { app: other }")))
			.singleElement(STRING)
			.contains("spec.template.metadata.labels: Invalid value: {app=my-daemon}: `selector` does not match");
	}

	@Test
	void misspelledFieldIsUnknown() {
		assertThat(errorsOf(replace("terminationGracePeriodSeconds:", "terminationGracePeriodSecond:")))
			.contains("Deployment my-daemon: spec.template.spec.terminationGracePeriodSecond: unknown field");
	}

	@Test
	void fieldAtTheWrongLevelIsUnknown() {
		assertThat(errorsOf(replace("  replicas: 2\n", "  replicas: 2\n  image: registry.example/my-daemon:1.0\n")))
			.containsExactly("Deployment my-daemon: spec.image: unknown field");
	}

	@Test
	void duplicateFieldIsRejected() {
		assertThat(errorsOf(replace("  replicas: 2\n", "  replicas: 2\n  replicas: 3\n"))).singleElement(STRING)
			.startsWith("not valid YAML")
			.contains("Duplicate")
			.contains("\"replicas\"");
	}

	@Test
	void containerWithoutImageIsRejected() {
		assertThat(errorsOf(without("          image: registry.example/my-daemon:1.0\n")))
			.containsExactly("Deployment my-daemon: spec.template.spec.containers[0].image: Required value");
	}

	@Test
	void nameThatIsNotADnsSubdomainIsRejected() {
		assertThat(errorsOf(replace("  name: my-daemon\nspec:", "  name: My_Daemon\nspec:"))).singleElement(STRING)
			.contains("metadata.name: Invalid value: \"My_Daemon\"");
	}

	@Test
	void portOutOfRangeIsRejected() {
		assertThat(errorsOf(replace("containerPort: 8080", "containerPort: 80800")))
			.containsExactly("Deployment my-daemon: spec.template.spec.containers[0].ports[0].containerPort:"
					+ " Invalid value: 80800: must be between 1 and 65535, inclusive");
	}

	@Test
	void portWrittenAsAStringIsRejected() {
		assertThat(errorsOf(replace("containerPort: 8080", "containerPort: \"8080\""))).singleElement(STRING)
			.startsWith("Deployment my-daemon: spec.template.spec.containers[0].ports[0].containerPort:"
					+ " Cannot coerce String value (\"8080\")");
	}

	@Test
	void environmentValueWrittenAsANumberIsRejected() {
		assertThat(errorsOf(replace("          ports:\n",
				"          env:\n            - { name: SPRING_DATASOURCE_HIKARI_CONNECTIONTIMEOUT, value: 3000 }\n"
						+ "          ports:\n")))
			.singleElement(STRING)
			.startsWith("Deployment my-daemon: spec.template.spec.containers[0].env[0].value:"
					+ " Cannot coerce Integer value (3000)");
	}

	@Test
	void probeWithoutHandlerIsRejected() {
		assertThat(errorsOf(replace("            httpGet: { path: /actuator/health/liveness, port: http }\n", "")))
			.contains("Deployment my-daemon: spec.template.spec.containers[0].livenessProbe: Required value:"
					+ " must specify a handler type");
	}

	@Test
	void probeOnAPortTheContainerDoesNotDeclareIsRejected() {
		assertThat(errorsOf(replace("path: /actuator/health/liveness, port: http",
				"path: /actuator/health/liveness, port: management")))
			.containsExactly("Deployment my-daemon: spec.template.spec.containers[0].livenessProbe.httpGet.port:"
					+ " \"management\" is not the name of one of the container's ports: the kubelet cannot resolve it");
	}

	@Test
	void livenessProbeOnTheReadinessGroupIsRejected() {
		assertThat(errorsOf(replace("path: /actuator/health/liveness", "path: /actuator/health/readiness")))
			.containsExactly("Deployment my-daemon: spec.template.spec.containers[0].livenessProbe.httpGet.path:"
					+ " must be /actuator/health/liveness (docs/howto-kubernetes.md, Probes)");
	}

	@Test
	void missingStartupProbeIsRequired() {
		assertThat(errorsOf(without(
				"          startupProbe:\n" + "            httpGet: { path: /actuator/health/readiness, port: http }\n"
						+ "            periodSeconds: 2\n"
						+ "            failureThreshold: 60        # up to 2 minutes for every service to start\n")))
			.singleElement(STRING)
			.startsWith("Deployment my-daemon: spec.template.spec.containers[0].startupProbe: Required value");
	}

	@Test
	void gracePeriodThatDoesNotOutlastPreStopAndTheGuidesTimeoutIsRejected() {
		assertThat(errorsOf(replace("terminationGracePeriodSeconds: 50", "terminationGracePeriodSeconds: 45")))
			.containsExactly("Deployment my-daemon: spec.template.spec.terminationGracePeriodSeconds: 45 must exceed"
					+ " the preStop sleep (5 s) + oslo.service.graceful-shutdown-timeout (40 s, the guide's"
					+ " configuration): the kubelet's SIGKILL would cut the starter's graceful shutdown short");
	}

	@Test
	void gracePeriodIsHeldToTheTimeoutThatTheContainerSets() {
		assertThat(errorsOf(replace("          ports:\n",
				"          env:\n            - { name: OSLO_SERVICE_GRACEFULSHUTDOWNTIMEOUT, value: 1m }\n"
						+ "          ports:\n")))
			.singleElement(STRING)
			.contains(
					"oslo.service.graceful-shutdown-timeout (60 s, the container's OSLO_SERVICE_GRACEFULSHUTDOWNTIMEOUT)");
	}

	@Test
	void gracePeriodIsHeldToTheStartersDefaultWithoutConfiguration() {
		assertThat(this.check.errorsOf(DEPLOYMENT.text(), Map.of())).singleElement(STRING)
			.contains("oslo.service.graceful-shutdown-timeout (60 s, the starter's default)");
	}

	@Test
	void preStopSleepLongerThanTheGracePeriodIsRejected() {
		assertThat(errorsOf(replace("sleep: { seconds: 5 }", "sleep: { seconds: 55 }")))
			.contains("Deployment my-daemon: spec.template.spec.containers[0].lifecycle.preStop.sleep.seconds:"
					+ " Invalid value: 55: must be less than terminationGracePeriodSeconds");
	}

	@Test
	void rollingUpdateThatCanNeitherSurgeNorRemoveAPodIsRejected() {
		assertThat(errorsOf(replace("maxSurge: 1", "maxSurge: 0"))).containsExactly(
				"Deployment my-daemon: spec.strategy.rollingUpdate.maxUnavailable: Invalid value: 0: may not be 0 when"
						+ " `maxSurge` is 0");
	}

	@Test
	void kindWithoutRulesIsReportedRatherThanPassed() {
		assertThat(errorsOf("apiVersion: v1\nkind: Service\nmetadata:\n  name: my-daemon\n")).singleElement(STRING)
			.contains("knows the rules of apps/v1 Deployments only, not of v1 Service");
	}

	@Test
	void everyDocumentOfAManifestIsChecked() {
		assertThat(
				errorsOf(DEPLOYMENT.text() + "---\n" + without("  selector:\n    matchLabels: { app: my-daemon }\n")))
			.containsExactly("Deployment my-daemon: spec.selector: Required value");
	}

	private List<String> errorsOf(String manifest) {
		return this.check.errorsOf(manifest, DEPLOYMENT.guideConfiguration());
	}

	private static String without(String text) {
		return replace(text, "");
	}

	private static String replace(String text, String replacement) {
		assertThat(DEPLOYMENT.text()).contains(text);
		return DEPLOYMENT.text().replace(text, replacement);
	}

}
