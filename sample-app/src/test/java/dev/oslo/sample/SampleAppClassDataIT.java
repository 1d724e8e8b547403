package dev.oslo.sample;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * The workers' class-data archive with the sample jar, as a user gets it with no step of
 * their own: made once the first workers are ready, used by the workers spawned after,
 * and never in the way when it cannot be made.
 */
class SampleAppClassDataIT {

	private static final Duration TRAINING = Duration.ofMinutes(4);

	private static final Duration RESPAWN = Duration.ofSeconds(90);

	private static final String USE_OPTION = (Runtime.version().feature() >= 25) ? "-XX:AOTCache="
			: "-XX:SharedArchiveFile=";

	@TempDir
	Path directory;

	@Test
	void theJvmsSpawnedOnceTheArchiveIsMadeStartFromIt() throws Exception {
		Path cache = this.directory.resolve("cache");
		try (SampleProcess app = SampleProcess
			.start("--oslo.service.workers=2", "--oslo.service.worker.class-data.directory=" + cache)
			.awaitStarted()) {
			List<Long> first = app.readyWorkerPids();
			assertThat(first).allSatisfy((pid) -> assertThat(commandLine(pid)).doesNotContain(USE_OPTION));
			app.awaitLog("workers spawned from now on start from it");
			long standby = app.awaitStandby(RESPAWN, List.of());

			ProcessHandle.of(first.get(0)).orElseThrow().destroyForcibly();
			await().atMost(RESPAWN).until(() -> app.readyWorkersReplaced(2, List.of(first.get(0))));
			List<Long> earlier = new ArrayList<>(first);
			earlier.add(standby);
			long spawned = app.awaitStandby(RESPAWN, earlier);
			Path application = cache.resolve("oslo-sample");
			assertThat(commandLine(spawned))
				.containsPattern(" " + Pattern.quote(USE_OPTION + application) + "/[^/ ]+/classes\\.")
				.containsPattern(" -jar " + Pattern.quote(application.toString())
						+ "/[^/ ]+/app/oslo-service-sample-app\\.jar ");
			String archive = commandLine(spawned).replaceFirst(".* " + USE_OPTION + "(\\S+).*", "$1");
			assertThat(Files.readString(Path.of("/proc/" + spawned + "/maps"))).contains(archive);
			assertThat(app.get("/actuator/health")).contains("\"UP\"");
		}
	}

	@Test
	void workersStartAndServeWhenTheArchiveDirectoryCannotBeWritten() throws Exception {
		Path file = Files.createFile(this.directory.resolve("a-file"));
		try (SampleProcess app = SampleProcess
			.start("--oslo.service.workers=2", "--oslo.service.worker.class-data.directory=" + file.resolve("cache"))
			.awaitStarted()) {
			assertThat(app.readyWorkerPids()).hasSize(2)
				.allSatisfy((pid) -> assertThat(commandLine(pid)).doesNotContain(USE_OPTION));
			assertThat(app.get("/hello")).startsWith("hello from ");
			assertThat(app.output()).containsOnlyOnce(
					"Workers start without a class-data archive: cannot create the directory " + file.resolve("cache"));
			assertThat(app.children()).noneMatch((child) -> commandLine(child.pid()).contains("spring.context.exit"));
		}
	}

	/**
	 * A process's command line, or nothing once it has exited.
	 */
	private static String commandLine(long pid) {
		try {
			return new String(Files.readAllBytes(Path.of("/proc/" + pid + "/cmdline")), StandardCharsets.UTF_8)
				.replace('\0', ' ');
		}
		catch (IOException ex) {
			return "";
		}
	}

}
