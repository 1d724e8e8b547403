package dev.oslo.sample.docs;

import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * Runs {@code systemd-analyze verify} on a unit, as systemd would load it, and reports
 * every complaint about it: systemd only warns about an unknown key or an invalid value
 * (and exits 0), then ignores the line, so a unit with a misspelled setting still starts,
 * without that setting.
 * <p>
 * {@code verify} also fails when an {@code Exec*=} command does not exist. The docs'
 * units run {@code /usr/bin/java} and other paths of the user's machine, so each absolute
 * command is replaced by an executable stub of the same name in a temporary directory
 * first: the unit is checked, not the machine the build runs on.
 */
public final class SystemdUnitVerification {

	private static final Pattern EXEC_COMMAND = Pattern.compile("(?m)^(Exec[A-Za-z]+=[-@:+!|]*)(/\\S+)");

	private static final Pattern VERSION = Pattern.compile("^systemd (\\d+)");

	private static final Pattern UNIT_SECTION = Pattern.compile("(?m)^\\[(Service|Socket|Timer|Path|Mount)\\]");

	/**
	 * What a systemd older than a unit needs says about it, with the first version that
	 * understands it: the docs' units name the version they need.
	 */
	private static final Map<String, Integer> NEWER_SETTINGS = Map
		.of("Failed to parse service type, ignoring: notify-reload", 253);

	private final Path systemdAnalyze;

	private final int version;

	private SystemdUnitVerification(Path systemdAnalyze, int version) {
		this.systemdAnalyze = systemdAnalyze;
		this.version = version;
	}

	/**
	 * The {@code systemd-analyze} on this machine's {@code PATH}, if there is one.
	 */
	public static Optional<SystemdUnitVerification> onThisMachine() throws IOException, InterruptedException {
		Optional<Path> systemdAnalyze = Stream
			.of(System.getenv().getOrDefault("PATH", "/usr/bin").split(File.pathSeparator))
			.map((directory) -> Path.of(directory, "systemd-analyze"))
			.filter(Files::isExecutable)
			.findFirst();
		if (systemdAnalyze.isEmpty()) {
			return Optional.empty();
		}
		Matcher version = VERSION.matcher(run(List.of(systemdAnalyze.get().toString(), "--version")).output());
		if (!version.find()) {
			throw new IllegalStateException(systemdAnalyze.get() + " --version does not say its version");
		}
		return Optional.of(new SystemdUnitVerification(systemdAnalyze.get(), Integer.parseInt(version.group(1))));
	}

	/**
	 * The version of systemd that verifies.
	 */
	public int version() {
		return this.version;
	}

	/**
	 * The name under which a documented unit is verified: its own file name, or one made
	 * from the guide and line of its block, with the suffix of its type.
	 */
	public static String unitFileName(DocumentedManifest unit) {
		String source = unit.source();
		if (!source.contains(":")) {
			return Path.of(source).getFileName().toString();
		}
		Matcher section = UNIT_SECTION.matcher(unit.text());
		String type = section.find() ? section.group(1).toLowerCase() : "service";
		return source.replaceAll("[^A-Za-z0-9_.-]", "-") + "." + type;
	}

	/**
	 * Verify a unit.
	 * @param unit the unit file's text
	 * @param fileName the unit file's name ({@code my-daemon.service})
	 * @param directory an empty directory to write it to
	 * @return what systemd says about the unit; empty when it has nothing to say
	 */
	public List<String> errorsOf(String unit, String fileName, Path directory)
			throws IOException, InterruptedException {
		Path file = directory.resolve(fileName);
		Files.writeString(file, withStubCommands(unit, Files.createDirectories(directory.resolve("bin"))));
		Result result = run(List.of(this.systemdAnalyze.toString(), "verify", file.toString()));
		List<String> errors = new ArrayList<>();
		result.output()
			.lines()
			.filter((line) -> line.contains(fileName))
			.filter(this::isNotAboutNewerSettings)
			.forEach(errors::add);
		if (result.exitCode() != 0 && errors.isEmpty()) {
			errors.add("systemd-analyze verify exited " + result.exitCode() + ": " + result.output());
		}
		return errors;
	}

	private boolean isNotAboutNewerSettings(String line) {
		return NEWER_SETTINGS.entrySet()
			.stream()
			.noneMatch((setting) -> line.contains(setting.getKey()) && this.version < setting.getValue());
	}

	private static String withStubCommands(String unit, Path bin) throws IOException {
		Matcher command = EXEC_COMMAND.matcher(unit);
		StringBuilder stubbed = new StringBuilder();
		while (command.find()) {
			Path stub = bin.resolve(Path.of(command.group(2)).getFileName().toString());
			if (!Files.exists(stub)) {
				Files.writeString(stub, "#!/bin/sh\nexit 0\n");
				Files.setPosixFilePermissions(stub, PosixFilePermissions.fromString("rwxr-xr-x"));
			}
			command.appendReplacement(stubbed, Matcher.quoteReplacement(command.group(1) + stub));
		}
		command.appendTail(stubbed);
		return stubbed.toString();
	}

	private static Result run(List<String> command) throws IOException, InterruptedException {
		ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
		builder.environment().put("SYSTEMD_COLORS", "0");
		Process process = builder.start();
		process.getOutputStream().close();
		String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
		if (!process.waitFor(1, TimeUnit.MINUTES)) {
			process.destroyForcibly();
			throw new IllegalStateException(command + " did not finish within a minute: " + output);
		}
		return new Result(process.exitValue(), output);
	}

	private record Result(int exitCode, String output) {

	}

}
