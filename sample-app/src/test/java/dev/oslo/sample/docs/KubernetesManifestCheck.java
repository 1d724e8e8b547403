package dev.oslo.sample.docs;

import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.stream.Stream;

import io.fabric8.kubernetes.api.model.Container;
import io.fabric8.kubernetes.api.model.HTTPGetAction;
import io.fabric8.kubernetes.api.model.Probe;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.MapperFeature;
import tools.jackson.databind.cfg.CoercionAction;
import tools.jackson.databind.cfg.CoercionInputShape;
import tools.jackson.databind.type.LogicalType;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Holds the Kubernetes objects of a manifest to what the API server requires before it
 * stores them, and to what the starter's guides promise: read into the API's own types
 * (fabric8's model) with the API server's strictness (no unknown or duplicate field, no
 * string where a number belongs), then validated as the API server validates them.
 */
public final class KubernetesManifestCheck {

	private final YAMLMapper mapper = YAMLMapper.builder()
		.enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
		.disable(MapperFeature.ALLOW_COERCION_OF_SCALARS)
		.withCoercionConfig(LogicalType.Textual,
				(config) -> config.setCoercion(CoercionInputShape.Integer, CoercionAction.Fail)
					.setCoercion(CoercionInputShape.Float, CoercionAction.Fail)
					.setCoercion(CoercionInputShape.Boolean, CoercionAction.Fail))
		.build();

	/**
	 * The errors of every object of a manifest, each prefixed with the object's kind and
	 * name; empty when the API server would store them all.
	 * @param manifest one or more YAML documents
	 * @param configuration the application properties that the guide sets, flattened
	 */
	public List<String> errorsOf(String manifest, Map<String, String> configuration) {
		List<JsonNode> documents;
		try {
			documents = documents(manifest);
		}
		catch (JacksonException ex) {
			return List.of("not valid YAML: " + ex.getMessage());
		}
		List<String> errors = new ArrayList<>();
		for (JsonNode document : documents) {
			errors.addAll(errorsOf(document, configuration));
		}
		return errors;
	}

	/**
	 * The paths of the HTTP probes of a manifest's containers.
	 */
	public Set<String> probePaths(String manifest) {
		Set<String> paths = new LinkedHashSet<>();
		for (Deployment deployment : deployments(manifest)) {
			for (Container container : deployment.getSpec().getTemplate().getSpec().getContainers()) {
				Stream.of(container.getStartupProbe(), container.getReadinessProbe(), container.getLivenessProbe())
					.filter(Objects::nonNull)
					.map(Probe::getHttpGet)
					.filter(Objects::nonNull)
					.map(HTTPGetAction::getPath)
					.forEach(paths::add);
			}
		}
		return paths;
	}

	private List<Deployment> deployments(String manifest) {
		return documents(manifest).stream()
			.filter((document) -> "Deployment".equals(document.path("kind").asString()))
			.map((document) -> this.mapper.treeToValue(document, Deployment.class))
			.toList();
	}

	/**
	 * The documents of a manifest, without the empty ones (a leading or trailing
	 * {@code ---}).
	 */
	private List<JsonNode> documents(String manifest) {
		return this.mapper.readerFor(JsonNode.class)
			.<JsonNode>readValues(manifest)
			.readAll()
			.stream()
			.filter((document) -> document != null && !document.isNull() && !document.isMissingNode())
			.toList();
	}

	private List<String> errorsOf(JsonNode document, Map<String, String> configuration) {
		String apiVersion = document.path("apiVersion").asString();
		String kind = document.path("kind").asString();
		String name = document.path("metadata").path("name").asString();
		String object = kind + " " + name + ": ";
		if (!apiVersion.equals("apps/v1") || !kind.equals("Deployment")) {
			return List.of(object + "this check knows the rules of apps/v1 Deployments only, not of " + apiVersion + " "
					+ kind + ": add them before a guide shows one");
		}
		Deployment deployment;
		try {
			deployment = this.mapper.treeToValue(document, Deployment.class);
		}
		catch (JacksonException ex) {
			return List.of(object + fieldPath(ex) + ": " + ex.getOriginalMessage());
		}
		FieldErrors errors = new FieldErrors();
		errors.addAll(UnknownFields.in(deployment));
		DeploymentValidation.validate(deployment, errors);
		if (deployment.getSpec() != null && deployment.getSpec().getTemplate() != null
				&& deployment.getSpec().getTemplate().getSpec() != null) {
			StarterPodRules.validate(deployment.getSpec().getTemplate().getSpec(), "spec.template.spec", configuration,
					errors);
		}
		return errors.list().stream().map(object::concat).toList();
	}

	private static String fieldPath(JacksonException ex) {
		StringBuilder path = new StringBuilder();
		for (JacksonException.Reference reference : ex.getPath()) {
			if (reference.getPropertyName() != null) {
				path.append(path.isEmpty() ? "" : ".").append(reference.getPropertyName());
			}
			else if (reference.getIndex() >= 0) {
				path.append('[').append(reference.getIndex()).append(']');
			}
		}
		return path.toString();
	}

}
