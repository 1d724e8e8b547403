package dev.oslo.service.process.classdata;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

class JarLaunchTests {

	@Test
	void aJarCommandLineIsSplitIntoOptionsJarAndArguments() throws NotArchivableException {
		JarLaunch launch = JarLaunch.parse(List.of("java", "-Xmx1g", "-cp", "ignored.jar", "--add-opens",
				"java.base/java.lang=ALL-UNNAMED", "-jar", "app.jar", "--server.port=8080", "-jar"), Map.of());
		assertThat(launch.options()).containsExactly("-Xmx1g", "-cp", "ignored.jar", "--add-opens",
				"java.base/java.lang=ALL-UNNAMED");
		assertThat(launch.jar()).isEqualTo("app.jar");
		assertThat(launch.arguments()).containsExactly("--server.port=8080", "-jar");
		assertThat(launch.command("/x/app.jar", "-XX:SharedArchiveFile=/x/a.jsa")).containsExactly("java", "-Xmx1g",
				"-cp", "ignored.jar", "--add-opens", "java.base/java.lang=ALL-UNNAMED",
				"-XX:SharedArchiveFile=/x/a.jsa", "-jar", "/x/app.jar", "--server.port=8080", "-jar");
	}

	@Test
	void aClassPathAModuleOrAnArgumentFileIsNotArchived() {
		assertRefused(List.of("java", "-cp", "target/classes", "com.example.Main"), Map.of(),
				"runs the main class com.example.Main from a class path");
		assertRefused(List.of("java", "-m", "app/com.example.Main"), Map.of(), "runs a module");
		assertRefused(List.of("java", "@options", "-jar", "app.jar"), Map.of(),
				"reads arguments from a file (@options)");
		assertRefused(List.of("java", "-jar"), Map.of(), "runs no jar");
	}

	@Test
	void optionsThatManageClassDataSharingThemselvesAreLeftAlone() {
		assertRefused(List.of("java", "-Xshare:off", "-jar", "app.jar"), Map.of(), "(-Xshare:off); workers inherit");
		assertRefused(List.of("java", "-XX:SharedArchiveFile=app.jsa", "-jar", "app.jar"), Map.of(),
				"(-XX:SharedArchiveFile=app.jsa)");
		assertRefused(List.of("java", "-XX:AOTCache=app.aot", "-jar", "app.jar"), Map.of(), "(-XX:AOTCache=app.aot)");
		assertRefused(List.of("java", "-XX:+AutoCreateSharedArchive", "-jar", "app.jar"), Map.of(),
				"(-XX:+AutoCreateSharedArchive)");
		assertRefused(List.of("java", "-jar", "app.jar"), Map.of("JAVA_TOOL_OPTIONS", "-Xmx1g -XX:AOTMode=off"),
				"JAVA_TOOL_OPTIONS manages class-data sharing (-XX:AOTMode=off)");
	}

	private static void assertRefused(List<String> command, Map<String, String> environment, String reason) {
		assertThatExceptionOfType(NotArchivableException.class).isThrownBy(() -> JarLaunch.parse(command, environment))
			.withMessageContaining(reason);
	}

}
