package dev.oslo.sample;

import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

import com.jayway.jsonpath.JsonPath;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

/**
 * Two replicas of the sample app, started from its jar with the {@code cluster} profile,
 * share one real PostgreSQL: the cluster-singleton {@code cleanup} task runs once per
 * period across both, survives a database outage, and moves to the survivor when its
 * holder dies. Without its lock table, and not allowed to create it, a replica does not
 * start.
 */
class SampleAppClusterIT {

	private static final Pattern RUN = Pattern.compile("cleanup begins at (\\S+) in pid (\\d+)");

	private static final Duration WAIT = Duration.ofSeconds(90);

	private static PostgresServer database;

	@BeforeAll
	static void startDatabase() throws Exception {
		database = PostgresServer.start();
	}

	@AfterAll
	static void stopDatabase() throws Exception {
		if (database != null) {
			database.close();
		}
	}

	@Test
	void eachRunHappensOnOneReplicaAndAnOutageSkipsRunsUntilTheDatabaseReturns() throws Exception {
		try (SampleProcess first = replica("--sample.cleanup.spacing=3s");
				SampleProcess second = replica("--sample.cleanup.spacing=3s")) {
			first.awaitStarted();
			second.awaitStarted();
			await().atMost(WAIT).until(() -> runs(first, second).size() >= 6);

			List<Run> runs = runs(first, second);
			for (int i = 1; i < runs.size(); i++) {
				assertThat(Duration.between(runs.get(i - 1).at(), runs.get(i).at()))
					.as("time between runs %s and %s", runs.get(i - 1), runs.get(i))
					.isGreaterThan(Duration.ofSeconds(1));
			}
			assertThat(skipped(first, "locked") + skipped(second, "locked")).as("runs skipped as locked").isPositive();

			database.stop();
			try {
				await().atMost(WAIT)
					.until(() -> skipped(first, "unavailable") > 0 && skipped(second, "unavailable") > 0);
				int beforeOutage = runs(first, second).size();
				long unavailable = skipped(first, "unavailable") + skipped(second, "unavailable");
				await().atMost(WAIT)
					.until(() -> skipped(first, "unavailable") + skipped(second, "unavailable") >= unavailable + 2);
				assertThat(runs(first, second)).hasSize(beforeOutage);
				assertThat(first.isAlive() && second.isAlive()).isTrue();
				assertThat(first.output()).contains("Periodic task 'cleanup' cannot reach its cluster lock");
				assertThat(JsonPath.parse(first.get("/actuator/health"))
					.read("$.components.launcher.status", String.class)).isEqualTo("UP");
				assertThat(JsonPath.parse(first.get("/actuator/health/liveness")).read("$.status", String.class))
					.isEqualTo("UP");

				database.startAgain();
				await().atMost(WAIT).until(() -> runs(first, second).size() > beforeOutage);
				assertThat(first.output() + second.output())
					.contains("Periodic task 'cleanup' reaches its cluster lock again");
			}
			finally {
				database.ensureRunning();
			}
		}
	}

	@Test
	void whenTheHolderDiesMidRunTheOtherReplicaTakesOverOnceTheLockExpires() throws Exception {
		String[] args = { "--sample.cleanup.spacing=2s", "--sample.cleanup.duration=5s",
				"--oslo.service.periodic.tasks.cleanup.lock-at-most-for=8s" };
		try (SampleProcess first = replica(args); SampleProcess second = replica(args)) {
			first.awaitStarted();
			second.awaitStarted();
			await().atMost(WAIT).until(() -> !runs(first, second).isEmpty());
			Run held = runs(first, second).get(0);
			SampleProcess holder = (held.pid() == first.pid()) ? first : second;
			SampleProcess survivor = (holder == first) ? second : first;
			ProcessHandle.of(holder.pid()).orElseThrow().destroyForcibly();

			await().atMost(WAIT).until(() -> runs(survivor).size() == 1);
			Run takeover = runs(survivor).get(0);
			// Without the lock the survivor would run within a spacing (2 s); it waits
			// for the lock to
			// expire, 8 s after the holder took it.
			assertThat(Duration.between(held.at(), takeover.at())).isBetween(Duration.ofSeconds(5),
					Duration.ofSeconds(20));
			assertThat(skipped(survivor, "locked")).isPositive();
			assertThat(JsonPath.parse(survivor.get("/actuator/periodictasks"))
				.read("$.tasks[?(@.name == 'cleanup')].singleton.holder", List.class)).singleElement()
				.asString()
				.contains(":" + survivor.pid() + "/");
		}
	}

	@Test
	void aTableMissingFromTheServerDatabaseFailsStartUpWithShedLocksDdlUnlessTheApplicationMayCreateIt()
			throws Exception {
		try (SampleProcess replica = replica("--oslo.service.periodic.lock.initialize-schema=embedded",
				"--oslo.service.periodic.lock.table-name=missing_lock")) {
			assertThat(replica.awaitExit(WAIT)).isOne();
			assertThat(replica.output())
				.contains("The cluster lock table missing_lock does not exist in PostgreSQL, and "
						+ "oslo.service.periodic.lock.initialize-schema=embedded creates it only in an embedded database")
				.contains("CREATE TABLE missing_lock (name VARCHAR(64) NOT NULL, lock_until TIMESTAMP NOT NULL, "
						+ "locked_at TIMESTAMP NOT NULL, locked_by VARCHAR(255) NOT NULL, PRIMARY KEY (name));")
				.contains("or let the application create it with oslo.service.periodic.lock.initialize-schema=always");
		}
	}

	private static SampleProcess replica(String... args) throws IOException {
		List<String> all = new ArrayList<>(
				List.of("--spring.profiles.active=cluster", "--OSLO_DB_PORT=" + database.port()));
		all.addAll(List.of(args));
		return SampleProcess.start(all.toArray(String[]::new));
	}

	/**
	 * Every run of the clean-up so far, in the order they began.
	 */
	private static List<Run> runs(SampleProcess... replicas) {
		return Stream.of(replicas).flatMap((replica) -> {
			Matcher matcher = RUN.matcher(replica.output());
			List<Run> found = new ArrayList<>();
			while (matcher.find()) {
				found.add(new Run(Instant.parse(matcher.group(1)), Long.parseLong(matcher.group(2))));
			}
			return found.stream();
		}).sorted(Comparator.comparing(Run::at)).toList();
	}

	/**
	 * How many of a replica's runs were skipped: {@code locked} or {@code unavailable}.
	 */
	private static long skipped(SampleProcess replica, String outcome) throws IOException, InterruptedException {
		List<Number> counts = JsonPath.parse(replica.get("/actuator/periodictasks"))
			.read("$.tasks[?(@.name == 'cleanup')].singleton." + outcome, List.class);
		return counts.isEmpty() ? 0 : counts.get(0).longValue();
	}

	private record Run(Instant at, long pid) {
	}

}
