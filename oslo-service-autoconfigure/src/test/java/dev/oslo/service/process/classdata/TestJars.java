package dev.oslo.service.process.classdata;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.jar.Attributes;
import java.util.jar.JarEntry;
import java.util.jar.JarOutputStream;
import java.util.jar.Manifest;

import dev.oslo.service.process.WorkerCommand;

/**
 * Small jars whose main class is {@link TrainingFixture}, and commands that run them with
 * this JVM's java.
 */
final class TestJars {

	private TestJars() {
	}

	/**
	 * A plain jar, which a JVM archives as it is.
	 */
	static Path plain(Path jar) throws IOException {
		return write(jar, new Manifest());
	}

	/**
	 * A jar whose manifest says Spring Boot, without what extracts it.
	 */
	static Path springBoot(Path jar) throws IOException {
		Manifest manifest = new Manifest();
		manifest.getMainAttributes().putValue("Spring-Boot-Classes", "BOOT-INF/classes/");
		return write(jar, manifest);
	}

	private static Path write(Path jar, Manifest manifest) throws IOException {
		manifest.getMainAttributes().put(Attributes.Name.MANIFEST_VERSION, "1.0");
		manifest.getMainAttributes().put(Attributes.Name.MAIN_CLASS, TrainingFixture.class.getName());
		String entry = TrainingFixture.class.getName().replace('.', '/') + ".class";
		try (OutputStream file = Files.newOutputStream(jar);
				JarOutputStream out = new JarOutputStream(file, manifest);
				InputStream in = Objects
					.requireNonNull(TrainingFixture.class.getClassLoader().getResourceAsStream(entry))) {
			out.putNextEntry(new JarEntry(entry));
			in.transferTo(out);
			out.closeEntry();
		}
		return jar;
	}

	/**
	 * This JVM's java with the given arguments.
	 */
	static WorkerCommand java(String... arguments) {
		List<String> command = new ArrayList<>();
		command.add(java());
		command.addAll(List.of(arguments));
		return new WorkerCommand(command);
	}

	static String java() {
		return ProcessHandle.current().info().command().orElseThrow();
	}

}
