package dev.oslo.sample.docs;

import java.nio.file.Path;
import java.util.Map;

import org.jspecify.annotations.Nullable;

/**
 * A Kubernetes manifest or a systemd unit that the docs give users to copy: a code block
 * of a guide, or a file under {@code docs/} or {@code bench/}.
 *
 * @param source where a reader finds it: a file, or a guide and the line of the block
 * @param type what it is
 * @param text its text, as a user copies it
 * @param guideConfiguration the application properties set by the guide that shows it
 * (its other YAML blocks, flattened to dotted keys): what the process it runs starts with
 * unless the manifest itself says otherwise
 * @param copyOf the file that the guide introduces this block as (a link on the line
 * before it), or {@code null}
 */
public record DocumentedManifest(String source, ManifestType type, String text, Map<String, String> guideConfiguration,
		@Nullable Path copyOf) {

	@Override
	public String toString() {
		return this.source;
	}

}
