package dev.oslo.service.process.classdata;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * A java command line that runs a jar, {@code java [JVM options] -jar app.jar
 * [arguments]}: the one shape whose application classes a JVM can archive, since CDS
 * archives only classes loaded from jar files of the class path, and a class path of
 * directories (as IDEs and tests run a program) fails the dump.
 *
 * @param executable the java executable
 * @param options the JVM options, before {@code -jar}
 * @param jar the jar, spelled as on the command line
 * @param arguments the program's arguments
 */
record JarLaunch(String executable, List<String> options, String jar, List<String> arguments) {

	/** The variables whose JVM options every JVM started with them reads. */
	static final List<String> OPTIONS_ENVIRONMENT = List.of("JAVA_TOOL_OPTIONS", "JDK_JAVA_OPTIONS", "_JAVA_OPTIONS");

	/** Launcher options whose value is the next argument. */
	private static final Set<String> OPTIONS_WITH_VALUE = Set.of("-cp", "-classpath", "--class-path", "-p",
			"--module-path", "--upgrade-module-path", "--add-modules", "--enable-native-access", "--limit-modules",
			"--add-reads", "--add-exports", "--add-opens", "--patch-module", "--source");

	/**
	 * Options by which a command line manages class-data sharing itself, or reads JVM
	 * options from a file that could: adding an archive to them could clash (a JDK 25 JVM
	 * does not start with {@code -XX:AOTCache} and any {@code -Xshare}).
	 */
	private static final Pattern OWN_CLASS_DATA = Pattern.compile("-Xshare:.*|-XX:[+-]?(SharedArchiveFile|"
			+ "ArchiveClassesAtExit|AOTCache|AOTCacheOutput|AOTMode|AOTConfiguration|SharedClassListFile|"
			+ "DumpLoadedClassList|AutoCreateSharedArchive|UseSharedSpaces|RequireSharedSpaces|Flags|VMOptionsFile)"
			+ "(=.*)?");

	JarLaunch {
		options = List.copyOf(options);
		arguments = List.copyOf(arguments);
	}

	/**
	 * Read a command line.
	 * @param command the executable followed by its arguments
	 * @param environment the environment the JVM gets, whose {@link #OPTIONS_ENVIRONMENT}
	 * it reads
	 * @return the launch
	 * @throws NotArchivableException if the command does not run a jar, or manages
	 * class-data sharing itself
	 */
	static JarLaunch parse(List<String> command, Map<String, String> environment) throws NotArchivableException {
		for (int i = 1; i < command.size(); i++) {
			String argument = command.get(i);
			if (argument.equals("-jar") && i + 1 < command.size()) {
				List<String> options = command.subList(1, i);
				checkOptions(options, environment);
				return new JarLaunch(command.get(0), options, command.get(i + 1),
						command.subList(i + 2, command.size()));
			}
			if (argument.startsWith("@")) {
				throw new NotArchivableException(
						"the command line reads arguments from a file (" + argument + "), which are not checked");
			}
			if (argument.equals("-m") || argument.equals("--module") || argument.startsWith("--module=")) {
				throw new NotArchivableException("this JVM runs a module, not a jar (java -jar)");
			}
			if (!argument.startsWith("-")) {
				throw new NotArchivableException("this JVM runs the main class " + argument
						+ " from a class path (as IDEs and tests run programs), not a jar (java -jar)");
			}
			if (OPTIONS_WITH_VALUE.contains(argument)) {
				i++;
			}
		}
		throw new NotArchivableException("this JVM runs no jar (java -jar)");
	}

	private static void checkOptions(List<String> options, Map<String, String> environment)
			throws NotArchivableException {
		Optional<String> own = options.stream()
			.filter((option) -> OWN_CLASS_DATA.matcher(option).matches())
			.findFirst();
		if (own.isPresent()) {
			throw new NotArchivableException(
					"the JVM options manage class-data sharing themselves (" + own.get() + "); workers inherit them");
		}
		for (String variable : OPTIONS_ENVIRONMENT) {
			String value = environment.get(variable);
			Optional<String> inherited = (value != null) ? Stream.of(value.trim().split("\\s+"))
				.filter((option) -> OWN_CLASS_DATA.matcher(option).matches())
				.findFirst() : Optional.empty();
			if (inherited.isPresent()) {
				throw new NotArchivableException(
						variable + " manages class-data sharing (" + inherited.get() + "); workers inherit it");
			}
		}
	}

	/**
	 * This command line running another jar with more JVM options, after the given ones.
	 * @param otherJar the jar, spelled as it is to be given
	 * @param moreOptions the options to add
	 * @return the executable followed by its arguments
	 */
	List<String> command(String otherJar, String... moreOptions) {
		List<String> command = new ArrayList<>();
		command.add(this.executable);
		command.addAll(this.options);
		command.addAll(List.of(moreOptions));
		command.add("-jar");
		command.add(otherJar);
		command.addAll(this.arguments);
		return command;
	}

}
