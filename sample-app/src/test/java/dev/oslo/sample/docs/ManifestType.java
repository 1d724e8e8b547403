package dev.oslo.sample.docs;

/**
 * What a documented manifest is, and so which check holds it.
 */
public enum ManifestType {

	/**
	 * Kubernetes objects ({@code apiVersion} and {@code kind}), one or more YAML
	 * documents.
	 */
	KUBERNETES,

	/**
	 * A systemd unit file ({@code [Unit]}, {@code [Service]}...).
	 */
	SYSTEMD_UNIT

}
