package dev.oslo.service.process;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;

class WorkerCommandTests {

	@Test
	void theCommandLineIsReadWholeWithTheArgumentsAsTheyWereGiven(@TempDir Path directory) throws Exception {
		String classPath = "lib/a.jar:" + "x".repeat(20_000);
		Path cmdline = directory.resolve("cmdline");
		Files.write(cmdline, ("java\0-Xmx64m\0-cp\0" + classPath + "\0com.example.Main\0an argument\0")
			.getBytes(StandardCharsets.UTF_8));
		WorkerCommand command = WorkerCommand.ofCurrentProcess(cmdline);
		assertThat(command.command()).hasSize(6);
		assertThat(command.command().get(0)).isEqualTo(ProcessHandle.current().info().command().orElseThrow());
		assertThat(command.command().subList(1, 6)).containsExactly("-Xmx64m", "-cp", classPath, "com.example.Main",
				"an argument");
	}

	@Test
	void withoutProcFsTheJvmsOwnAccountIsUsed(@TempDir Path directory) {
		WorkerCommand command = WorkerCommand.ofCurrentProcess(directory.resolve("absent"));
		assertThat(command.command().get(0)).isEqualTo(ProcessHandle.current().info().command().orElseThrow());
	}

}
