package dev.oslo.service.process.classdata;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

import org.jspecify.annotations.Nullable;

/**
 * Where the archive of one jar lives: a directory named after the jar and a digest of
 * everything an archive depends on (the jar's path, size and modification time, the JDK's
 * {@code lib/modules}, the JVM options), so that a jar replaced on disk, another JDK or
 * other options find no archive rather than a stale one. It holds the extracted jar (for
 * a Spring Boot jar), the archive, the training JVM's log, and a lock file.
 *
 * @param key the directory's name
 * @param directory the directory
 * @param jar the jar that workers run, spelled as given to {@code -jar}: the extracted
 * one, or the master's own
 * @param extraction where a Spring Boot jar is extracted to, or {@code null} for a plain
 * jar that workers run as it is
 * @param format the archive's format
 */
record ArchivePlace(String key, Path directory, String jar, @Nullable Path extraction, ArchiveFormat format) {

	/** The names of the directories this class makes. */
	static final Pattern KEY = Pattern.compile(".+-[0-9a-f]{12}");

	private static final int DIGEST_CHARACTERS = 12;

	/**
	 * The place of a jar's archive now: reads the jar's and the JDK's size and
	 * modification time.
	 * @param applicationDirectory the application's directory, where each jar has its own
	 * @param launch the master's command line
	 * @param extracted whether workers run the jar extracted
	 * @param format the archive's format
	 * @param javaHome the JDK the workers run
	 * @param environment the workers' environment
	 * @return the place
	 * @throws IOException if the jar or the JDK cannot be read
	 */
	static ArchivePlace locate(Path applicationDirectory, JarLaunch launch, boolean extracted, ArchiveFormat format,
			Path javaHome, Map<String, String> environment) throws IOException {
		Path jar = Path.of(launch.jar()).toAbsolutePath().normalize();
		BasicFileAttributes jarAttributes = Files.readAttributes(jar, BasicFileAttributes.class);
		BasicFileAttributes modules = Files.readAttributes(javaHome.resolve("lib/modules"), BasicFileAttributes.class);
		StringBuilder identity = new StringBuilder().append(format)
			.append('\0')
			.append(launch.executable())
			.append('\0')
			.append(String.join("\0", launch.options()))
			.append('\0')
			.append(jar)
			.append('\0')
			.append(jarAttributes.size())
			.append('\0')
			.append(jarAttributes.lastModifiedTime().toMillis())
			.append('\0')
			.append(modules.size())
			.append('\0')
			.append(modules.lastModifiedTime().toMillis());
		for (String variable : JarLaunch.OPTIONS_ENVIRONMENT) {
			identity.append('\0').append(environment.getOrDefault(variable, ""));
		}
		String fileName = jar.getFileName().toString();
		String key = fileName.replaceFirst("\\.jar$", "") + "-" + digest(identity.toString());
		Path directory = applicationDirectory.resolve(key);
		Path extraction = extracted ? directory.resolve("app") : null;
		String workersJar = (extraction != null) ? extraction.resolve(fileName).toString() : launch.jar();
		return new ArchivePlace(key, directory, workersJar, extraction, format);
	}

	private static String digest(String text) {
		try {
			byte[] hash = MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
			return HexFormat.of().formatHex(hash).substring(0, DIGEST_CHARACTERS);
		}
		catch (NoSuchAlgorithmException ex) {
			throw new IllegalStateException("Every JDK has SHA-256", ex);
		}
	}

	Path archive() {
		return this.directory.resolve(this.format.fileName());
	}

	Path log() {
		return this.directory.resolve("training.log");
	}

	Path lock() {
		return this.directory.resolve(".lock");
	}

	/**
	 * Whether workers can start from this place: the archive and the jar it was made with
	 * are there. Only whole files ever have these names.
	 */
	boolean isReady() {
		return Files.isRegularFile(archive()) && (this.extraction == null || Files.isRegularFile(Path.of(this.jar)));
	}

	/**
	 * The command that starts a worker from this place's archive.
	 * @param launch the master's command line
	 * @return the executable followed by its arguments
	 */
	List<String> command(JarLaunch launch) {
		return launch.command(this.jar, this.format.useOption(archive()));
	}

}
