package dev.oslo.sample.docs;

import java.util.regex.Pattern;

/**
 * The syntax that the API server requires of names, label keys and values, port names and
 * environment variable names (Kubernetes' {@code apimachinery/pkg/util/validation}).
 */
final class KubernetesNames {

	private static final String LABEL = "[a-z0-9]([-a-z0-9]*[a-z0-9])?";

	private static final Pattern DNS1123_LABEL = Pattern.compile(LABEL);

	private static final Pattern DNS1123_SUBDOMAIN = Pattern.compile(LABEL + "(\\." + LABEL + ")*");

	private static final Pattern QUALIFIED_NAME_PART = Pattern.compile("([A-Za-z0-9][-A-Za-z0-9_.]*)?[A-Za-z0-9]");

	private static final Pattern IANA_SERVICE_NAME = Pattern.compile("[-a-z0-9]+");

	private static final Pattern ENV_VAR_NAME = Pattern.compile("[-._a-zA-Z][-._a-zA-Z0-9]*");

	private static final Pattern CONFIG_KEY = Pattern.compile("[-._a-zA-Z0-9]+");

	private KubernetesNames() {
	}

	/**
	 * A DNS-1123 label: container names, namespaces.
	 */
	static boolean isDns1123Label(String name) {
		return name.length() <= 63 && DNS1123_LABEL.matcher(name).matches();
	}

	/**
	 * A DNS-1123 subdomain: the names of most objects (Deployments among them).
	 */
	static boolean isDns1123Subdomain(String name) {
		return name.length() <= 253 && DNS1123_SUBDOMAIN.matcher(name).matches();
	}

	/**
	 * A label key: an optional DNS subdomain prefix and {@code /}, then a name of at most
	 * 63 characters.
	 */
	static boolean isLabelKey(String key) {
		int slash = key.lastIndexOf('/');
		String name = key.substring(slash + 1);
		boolean prefixValid = slash < 0 || isDns1123Subdomain(key.substring(0, slash));
		return prefixValid && name.length() <= 63 && QUALIFIED_NAME_PART.matcher(name).matches();
	}

	static boolean isLabelValue(String value) {
		return value.isEmpty() || (value.length() <= 63 && QUALIFIED_NAME_PART.matcher(value).matches());
	}

	/**
	 * A port name (IANA_SVC_NAME): at most 15 characters, lower case letters, digits and
	 * single inner hyphens, at least one letter.
	 */
	static boolean isPortName(String name) {
		return name.length() <= 15 && IANA_SERVICE_NAME.matcher(name).matches() && !name.startsWith("-")
				&& !name.endsWith("-") && !name.contains("--") && name.chars().anyMatch(Character::isLetter);
	}

	static boolean isPortNumber(int port) {
		return port >= 1 && port <= 65535;
	}

	static boolean isEnvVarName(String name) {
		return ENV_VAR_NAME.matcher(name).matches();
	}

	/**
	 * A key of a ConfigMap or a Secret.
	 */
	static boolean isConfigKey(String key) {
		return key.length() <= 253 && CONFIG_KEY.matcher(key).matches();
	}

}
