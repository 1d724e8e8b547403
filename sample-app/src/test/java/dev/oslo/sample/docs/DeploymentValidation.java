package dev.oslo.sample.docs;

import java.util.List;
import java.util.Map;
import java.util.Set;

import io.fabric8.kubernetes.api.model.IntOrString;
import io.fabric8.kubernetes.api.model.LabelSelector;
import io.fabric8.kubernetes.api.model.LabelSelectorRequirement;
import io.fabric8.kubernetes.api.model.ObjectMeta;
import io.fabric8.kubernetes.api.model.PodTemplateSpec;
import io.fabric8.kubernetes.api.model.apps.Deployment;
import io.fabric8.kubernetes.api.model.apps.DeploymentSpec;
import io.fabric8.kubernetes.api.model.apps.DeploymentStrategy;
import io.fabric8.kubernetes.api.model.apps.RollingUpdateDeployment;
import org.jspecify.annotations.Nullable;

/**
 * What the API server requires of an {@code apps/v1} Deployment before it stores it
 * (Kubernetes' {@code pkg/apis/apps/validation}): a valid name, a non-empty selector that
 * matches the template's labels, a valid strategy, and a valid pod template.
 */
final class DeploymentValidation {

	private static final Set<String> SELECTOR_OPERATORS = Set.of("In", "NotIn", "Exists", "DoesNotExist");

	private DeploymentValidation() {
	}

	static void validate(Deployment deployment, FieldErrors errors) {
		validateMetadata(deployment.getMetadata(), errors);
		DeploymentSpec spec = deployment.getSpec();
		if (errors.required("spec", spec)) {
			errors.nonNegative("spec.replicas", spec.getReplicas());
			errors.nonNegative("spec.minReadySeconds", spec.getMinReadySeconds());
			errors.nonNegative("spec.revisionHistoryLimit", spec.getRevisionHistoryLimit());
			validateStrategy(spec.getStrategy(), errors);
			PodTemplateSpec template = spec.getTemplate();
			if (errors.required("spec.template", template)) {
				validateSelector(spec.getSelector(), labelsOf(template.getMetadata()), errors);
				PodTemplateValidation.validate(template, "spec.template", errors);
			}
		}
	}

	private static void validateMetadata(@Nullable ObjectMeta metadata, FieldErrors errors) {
		if (!errors.required("metadata", metadata)) {
			return;
		}
		errors.requireValid("metadata.name", metadata.getName(), KubernetesNames::isDns1123Subdomain,
				"a lowercase RFC 1123 subdomain must consist of lower case alphanumeric characters, '-' or '.'");
		String namespace = metadata.getNamespace();
		if (namespace != null && !KubernetesNames.isDns1123Label(namespace)) {
			errors.add("metadata.namespace", "Invalid value: \"" + namespace + "\": not a DNS-1123 label");
		}
		validateLabels("metadata.labels", metadata.getLabels(), errors);
	}

	static void validateLabels(String path, @Nullable Map<String, String> labels, FieldErrors errors) {
		if (labels == null) {
			return;
		}
		labels.forEach((key, value) -> {
			if (!KubernetesNames.isLabelKey(key)) {
				errors.add(path, "Invalid value: \"" + key + "\": not a valid label key");
			}
			if (!KubernetesNames.isLabelValue(value)) {
				errors.add(path + "." + key, "Invalid value: \"" + value + "\": not a valid label value");
			}
		});
	}

	private static void validateSelector(@Nullable LabelSelector selector, Map<String, String> templateLabels,
			FieldErrors errors) {
		if (!errors.required("spec.selector", selector)) {
			return;
		}
		Map<String, String> matchLabels = (selector.getMatchLabels() != null) ? selector.getMatchLabels() : Map.of();
		List<LabelSelectorRequirement> expressions = (selector.getMatchExpressions() != null)
				? selector.getMatchExpressions() : List.of();
		if (matchLabels.isEmpty() && expressions.isEmpty()) {
			errors.add("spec.selector", "Invalid value: {}: empty selector is invalid for deployment");
			return;
		}
		validateLabels("spec.selector.matchLabels", matchLabels, errors);
		FieldErrors.eachItem(expressions, "spec.selector.matchExpressions",
				(requirement, path) -> validateRequirement(requirement, path, errors));
		boolean matches = matchLabels.entrySet()
			.stream()
			.allMatch((label) -> label.getValue().equals(templateLabels.get(label.getKey())))
				&& expressions.stream().allMatch((requirement) -> isMetBy(requirement, templateLabels));
		if (!matches) {
			errors.add("spec.template.metadata.labels",
					"Invalid value: " + templateLabels + ": `selector` does not match template `labels`");
		}
	}

	private static void validateRequirement(LabelSelectorRequirement requirement, String path, FieldErrors errors) {
		String operator = requirement.getOperator();
		List<String> values = (requirement.getValues() != null) ? requirement.getValues() : List.of();
		if (!SELECTOR_OPERATORS.contains(operator)) {
			errors.add(path + ".operator", "Unsupported value: \"" + operator + "\"");
		}
		else if ((operator.equals("In") || operator.equals("NotIn")) && values.isEmpty()) {
			errors.add(path + ".values", "Required value: must be specified when `operator` is 'In' or 'NotIn'");
		}
		else if ((operator.equals("Exists") || operator.equals("DoesNotExist")) && !values.isEmpty()) {
			errors.add(path + ".values",
					"Forbidden: may not be specified when `operator` is 'Exists' or 'DoesNotExist'");
		}
	}

	private static boolean isMetBy(LabelSelectorRequirement requirement, Map<String, String> labels) {
		String value = labels.get(requirement.getKey());
		List<String> values = (requirement.getValues() != null) ? requirement.getValues() : List.of();
		return switch (requirement.getOperator()) {
			case "In" -> value != null && values.contains(value);
			case "NotIn" -> value == null || !values.contains(value);
			case "Exists" -> value != null;
			case "DoesNotExist" -> value == null;
			default -> false;
		};
	}

	private static void validateStrategy(@Nullable DeploymentStrategy strategy, FieldErrors errors) {
		if (strategy == null) {
			return;
		}
		String type = strategy.getType();
		RollingUpdateDeployment rollingUpdate = strategy.getRollingUpdate();
		if (type != null && !type.equals("RollingUpdate") && !type.equals("Recreate")) {
			errors.add("spec.strategy.type",
					"Unsupported value: \"" + type + "\": supported values: \"Recreate\", \"RollingUpdate\"");
		}
		if ("Recreate".equals(type) && rollingUpdate != null) {
			errors.add("spec.strategy.rollingUpdate",
					"Forbidden: may not be specified when strategy `type` is 'Recreate'");
		}
		if (rollingUpdate == null) {
			return;
		}
		boolean surgeValid = validateIntOrPercent(rollingUpdate.getMaxSurge(), "spec.strategy.rollingUpdate.maxSurge",
				errors);
		boolean unavailableValid = validateIntOrPercent(rollingUpdate.getMaxUnavailable(),
				"spec.strategy.rollingUpdate.maxUnavailable", errors);
		if (surgeValid && unavailableValid && isZero(rollingUpdate.getMaxSurge())
				&& isZero(rollingUpdate.getMaxUnavailable())) {
			errors.add("spec.strategy.rollingUpdate.maxUnavailable",
					"Invalid value: 0: may not be 0 when `maxSurge` is 0");
		}
	}

	private static boolean validateIntOrPercent(@Nullable IntOrString value, String path, FieldErrors errors) {
		if (value == null) {
			return true;
		}
		Integer number = (value.getIntVal() != null) ? value.getIntVal() : percent(value.getStrVal());
		if (number == null) {
			errors.add(path, "Invalid value: \"" + value.getStrVal() + "\": must be an integer or percentage");
			return false;
		}
		if (number < 0) {
			errors.add(path, "Invalid value: " + number + ": must be greater than or equal to 0");
			return false;
		}
		return true;
	}

	private static @Nullable Integer percent(@Nullable String text) {
		if (text == null || !text.matches("[0-9]+%")) {
			return null;
		}
		return Integer.valueOf(text.substring(0, text.length() - 1));
	}

	/**
	 * Whether a rolling update bound is 0 or 0 %; unset, it defaults to 25 %.
	 */
	private static boolean isZero(@Nullable IntOrString value) {
		return value != null && Integer.valueOf(0)
			.equals((value.getIntVal() != null) ? value.getIntVal() : percent(value.getStrVal()));
	}

	private static Map<String, String> labelsOf(@Nullable ObjectMeta metadata) {
		return (metadata != null && metadata.getLabels() != null) ? metadata.getLabels() : Map.of();
	}

}
