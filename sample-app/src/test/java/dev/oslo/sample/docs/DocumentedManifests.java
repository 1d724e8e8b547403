package dev.oslo.sample.docs;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import org.jspecify.annotations.Nullable;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.dataformat.yaml.YAMLMapper;

/**
 * Finds the manifests that the repository's docs show: fenced code blocks of the Markdown
 * files ({@code ```yaml} blocks with top-level {@code apiVersion:} and {@code kind:},
 * {@code ```ini} or {@code ```systemd} blocks with a unit section) and the manifest files
 * under {@code docs/} and {@code bench/}. Recognised by their text alone, so that a block
 * that does not parse is reported rather than skipped.
 */
public final class DocumentedManifests {

	private static final Pattern FENCE = Pattern.compile("^(\\s*)```\\s*(\\S*).*$");

	private static final Pattern LINK = Pattern.compile("\\]\\(([^)#\\s]+)\\)");

	private static final Pattern KUBERNETES_API_VERSION = Pattern.compile("(?m)^apiVersion:");

	private static final Pattern KUBERNETES_KIND = Pattern.compile("(?m)^kind:");

	private static final Pattern UNIT_SECTION = Pattern
		.compile("(?m)^\\[(Unit|Service|Socket|Timer|Path|Mount|Install)\\]\\s*$");

	private static final Set<String> UNIT_FILE_SUFFIXES = Set.of(".service", ".socket", ".timer", ".path", ".mount");

	private static final Set<String> SKIPPED_DIRECTORIES = Set.of("target", "node_modules");

	private static final YAMLMapper YAML = YAMLMapper.builder().build();

	private final Path root;

	private DocumentedManifests(Path root) {
		this.root = root;
	}

	/**
	 * The docs of the repository that holds the working directory (a module's directory
	 * when Maven runs the tests).
	 */
	public static DocumentedManifests ofThisRepository() {
		Path directory = Path.of("").toAbsolutePath();
		while (!Files.isDirectory(directory.resolve("docs"))) {
			directory = directory.getParent();
			if (directory == null) {
				throw new IllegalStateException("No docs/ directory above " + Path.of("").toAbsolutePath());
			}
		}
		return new DocumentedManifests(directory);
	}

	/**
	 * Every manifest the docs show, the guides' blocks first.
	 */
	public List<DocumentedManifest> all() {
		List<DocumentedManifest> manifests = new ArrayList<>();
		List<Path> guides = guides();
		for (Path guide : guides) {
			manifests.addAll(blocksOf(guide));
		}
		manifestFiles().forEach((file, type) -> manifests.add(fileManifest(file, type, guides)));
		return manifests;
	}

	/**
	 * The manifests of one type.
	 */
	public List<DocumentedManifest> ofType(ManifestType type) {
		return all().stream().filter((manifest) -> manifest.type() == type).toList();
	}

	/**
	 * The manifest at a source.
	 * @param source a file ({@code docs/kubernetes/deployment.yaml}) or a guide's block
	 * ({@code docs/howto-kubernetes.md:28})
	 */
	public DocumentedManifest find(String source) {
		return all().stream()
			.filter((manifest) -> manifest.source().equals(source))
			.findFirst()
			.orElseThrow(() -> new IllegalArgumentException("No manifest at " + source));
	}

	/**
	 * The application properties that a guide's YAML blocks set, flattened to dotted keys
	 * ({@code oslo.service.graceful-shutdown-timeout}); blocks that are manifests or do
	 * not parse are left out.
	 * @param guide the guide, relative to the repository's root
	 */
	public Map<String, String> guideConfiguration(String guide) {
		return configurationOf(this.root.resolve(guide));
	}

	private List<Path> guides() {
		List<Path> guides = new ArrayList<>(filesUnder("docs", ".md"));
		guides.addAll(filesUnder("bench", ".md"));
		guides.add(this.root.resolve("README.md"));
		return guides;
	}

	private Map<Path, ManifestType> manifestFiles() {
		Map<Path, ManifestType> files = new LinkedHashMap<>();
		for (String directory : List.of("docs", "bench")) {
			for (Path file : filesUnder(directory, "")) {
				ManifestType type = typeOfFile(file);
				if (type != null) {
					files.put(file, type);
				}
			}
		}
		return files;
	}

	private List<DocumentedManifest> blocksOf(Path guide) {
		List<String> lines = readLines(guide);
		Map<String, String> configuration = configurationOf(guide);
		List<DocumentedManifest> manifests = new ArrayList<>();
		for (CodeBlock block : CodeBlock.parse(lines)) {
			ManifestType type = typeOfBlock(block);
			if (type != null) {
				manifests.add(new DocumentedManifest(relative(guide) + ":" + block.line(), type, block.text(),
						configuration, linkedFile(guide, block.lineBefore())));
			}
		}
		return manifests;
	}

	private DocumentedManifest fileManifest(Path file, ManifestType type, List<Path> guides) {
		Map<String, String> configuration = guides.stream()
			.filter((guide) -> links(guide, file))
			.findFirst()
			.map(this::configurationOf)
			.orElse(Map.of());
		return new DocumentedManifest(relative(file), type, readString(file), configuration, null);
	}

	private Map<String, String> configurationOf(Path guide) {
		Map<String, String> configuration = new LinkedHashMap<>();
		for (CodeBlock block : CodeBlock.parse(readLines(guide))) {
			if (isYaml(block) && typeOfBlock(block) == null) {
				try {
					flatten("", YAML.readTree(block.text()), configuration);
				}
				catch (JacksonException ex) {
					// an illustration rather than a configuration: it sets nothing
				}
			}
		}
		return configuration;
	}

	private static void flatten(String prefix, JsonNode node, Map<String, String> into) {
		if (node.isObject()) {
			node.properties()
				.forEach((entry) -> flatten(prefix.isEmpty() ? entry.getKey() : prefix + "." + entry.getKey(),
						entry.getValue(), into));
		}
		else if (node.isValueNode() && !prefix.isEmpty()) {
			into.put(prefix, node.asString());
		}
	}

	private @Nullable Path linkedFile(Path guide, String lineBefore) {
		Matcher link = LINK.matcher(lineBefore);
		while (link.find()) {
			Path target = guide.getParent().resolve(link.group(1)).normalize();
			if (Files.isRegularFile(target) && typeOfFile(target) != null) {
				return target;
			}
		}
		return null;
	}

	private boolean links(Path guide, Path file) {
		Matcher link = LINK.matcher(readString(guide));
		while (link.find()) {
			if (guide.getParent().resolve(link.group(1)).normalize().equals(file)) {
				return true;
			}
		}
		return false;
	}

	private static @Nullable ManifestType typeOfBlock(CodeBlock block) {
		if (isYaml(block) && isKubernetes(block.text())) {
			return ManifestType.KUBERNETES;
		}
		if ((block.language().equals("ini") || block.language().equals("systemd"))
				&& UNIT_SECTION.matcher(block.text()).find()) {
			return ManifestType.SYSTEMD_UNIT;
		}
		return null;
	}

	private static @Nullable ManifestType typeOfFile(Path file) {
		String name = file.getFileName().toString();
		if ((name.endsWith(".yaml") || name.endsWith(".yml")) && isKubernetes(readString(file))) {
			return ManifestType.KUBERNETES;
		}
		if (UNIT_FILE_SUFFIXES.stream().anyMatch(name::endsWith)) {
			return ManifestType.SYSTEMD_UNIT;
		}
		return null;
	}

	private static boolean isYaml(CodeBlock block) {
		return block.language().equals("yaml") || block.language().equals("yml");
	}

	private static boolean isKubernetes(String text) {
		return KUBERNETES_API_VERSION.matcher(text).find() && KUBERNETES_KIND.matcher(text).find();
	}

	private List<Path> filesUnder(String directory, String suffix) {
		Path start = this.root.resolve(directory);
		if (!Files.isDirectory(start)) {
			return List.of();
		}
		try (Stream<Path> files = Files.walk(start)) {
			return files.filter(Files::isRegularFile)
				.filter((file) -> file.getFileName().toString().endsWith(suffix))
				.filter((file) -> !isSkipped(start.relativize(file)))
				.sorted(Comparator.naturalOrder())
				.toList();
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	private static boolean isSkipped(Path relative) {
		for (Path part : relative) {
			String name = part.toString();
			if (SKIPPED_DIRECTORIES.contains(name) || name.startsWith(".")) {
				return true;
			}
		}
		return false;
	}

	private String relative(Path file) {
		return this.root.relativize(file).toString();
	}

	private static List<String> readLines(Path file) {
		return readString(file).lines().toList();
	}

	private static String readString(Path file) {
		try {
			return Files.readString(file);
		}
		catch (IOException ex) {
			throw new UncheckedIOException(ex);
		}
	}

	/**
	 * A fenced code block of a Markdown file, without the indentation of its fence.
	 *
	 * @param line the line of the opening fence, from 1
	 * @param language the fence's info string ({@code yaml}), or empty
	 * @param text the block's text
	 * @param lineBefore the last non-blank line before the fence, or empty
	 */
	record CodeBlock(int line, String language, String text, String lineBefore) {

		static List<CodeBlock> parse(List<String> lines) {
			List<CodeBlock> blocks = new ArrayList<>();
			String lineBefore = "";
			for (int i = 0; i < lines.size(); i++) {
				Matcher fence = FENCE.matcher(lines.get(i));
				if (!fence.matches()) {
					if (!lines.get(i).isBlank()) {
						lineBefore = lines.get(i);
					}
					continue;
				}
				int indent = fence.group(1).length();
				StringBuilder text = new StringBuilder();
				int end = i + 1;
				while (end < lines.size() && !lines.get(end).strip().equals("```")) {
					String line = lines.get(end);
					text.append(line, Math.min(indent, leadingBlanks(line)), line.length()).append('\n');
					end++;
				}
				blocks.add(new CodeBlock(i + 1, fence.group(2), text.toString(), lineBefore));
				lineBefore = "";
				i = end;
			}
			return blocks;
		}

		private static int leadingBlanks(String line) {
			return line.length() - line.stripLeading().length();
		}

	}

}
