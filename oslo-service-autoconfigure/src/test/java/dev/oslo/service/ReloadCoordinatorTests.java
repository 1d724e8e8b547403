package dev.oslo.service;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

class ReloadCoordinatorTests {

	private final List<String> journal = new CopyOnWriteArrayList<>();

	private final ServiceLauncher launcher = new ServiceLauncher(
			LauncherConfig.DEFAULTS.withGracefulShutdownTimeout(Duration.ofSeconds(5)).withHandleSignals(false));

	@AfterEach
	void stop() {
		this.launcher.stop();
	}

	@Test
	void reloadRefreshesTheConfigurationThenRestartsEveryService() throws InterruptedException {
		this.launcher.launchService("a", new RecordingService("a", this.journal));
		this.launcher.launchService("b", new RecordingService("b", this.journal));
		this.journal.clear();
		ReloadCoordinator reloads = ready(() -> {
			this.journal.add("refresh");
			return Set.of("x.y");
		});
		reloads.request(ReloadTrigger.APPLICATION);
		assertThat(reloads.awaitIdle(Duration.ofSeconds(30))).isTrue();
		assertThat(this.journal).containsExactly("refresh", "a.stop", "a.await", "a.reset", "a.start", "b.stop",
				"b.await", "b.reset", "b.start");
		ReloadResult last = reloads.snapshot().last();
		assertThat(last.outcome()).isEqualTo(ReloadOutcome.SUCCESS);
		assertThat(last.changedKeys()).containsExactly("x.y");
		assertThat(reloads.snapshot().successes()).isOne();
	}

	@Test
	void mutateOnlyResets() throws InterruptedException {
		ServiceLauncher mutating = new ServiceLauncher(
				LauncherConfig.DEFAULTS.withRestartMethod(RestartMethod.MUTATE).withHandleSignals(false));
		mutating.launchService("a", new RecordingService("a", this.journal));
		this.journal.clear();
		ReloadCoordinator reloads = new ReloadCoordinator(mutating, Set::of, List::of);
		reloads.markReady();
		reloads.request(ReloadTrigger.APPLICATION);
		reloads.awaitIdle(Duration.ofSeconds(30));
		assertThat(this.journal).containsExactly("a.reset");
		mutating.stop();
	}

	@Test
	void invalidConfigurationLeavesTheServicesUntouchedAndIsAFailedOutcome() throws InterruptedException {
		this.launcher.launchService("a", new RecordingService("a", this.journal));
		this.journal.clear();
		ReloadCoordinator reloads = ready(() -> {
			throw new InvalidConfigurationException("x.timeout=\"soon\": not a duration", new RuntimeException());
		});
		reloads.request(ReloadTrigger.APPLICATION);
		reloads.awaitIdle(Duration.ofSeconds(30));
		assertThat(this.journal).isEmpty();
		assertThat(this.launcher.snapshot().serviceNamesIn(ServiceState.RUNNING)).containsExactly("a");
		ReloadResult last = reloads.snapshot().last();
		assertThat(last.outcome()).isEqualTo(ReloadOutcome.FAILURE);
		assertThat(last.error()).isEqualTo("x.timeout=\"soon\": not a duration");
		assertThat(reloads.snapshot().failures()).isOne();
	}

	@Test
	void aServiceThatFailsToResetIsFailedAndTheOthersKeepRunning() throws InterruptedException {
		RecordingService broken = new RecordingService("broken", this.journal);
		broken.failOnReset(true);
		this.launcher.launchService("broken", broken);
		this.launcher.launchService("fine", new RecordingService("fine", this.journal));
		ReloadCoordinator reloads = ready(Set::of);
		reloads.request(ReloadTrigger.APPLICATION);
		reloads.awaitIdle(Duration.ofSeconds(30));
		assertThat(this.launcher.snapshot().serviceNamesIn(ServiceState.FAILED)).containsExactly("broken");
		assertThat(this.launcher.snapshot().serviceNamesIn(ServiceState.RUNNING)).containsExactly("fine");
		assertThat(reloads.snapshot().last().outcome()).isEqualTo(ReloadOutcome.FAILURE);
		assertThat(reloads.snapshot().last().error()).contains("broken");
		assertThat(this.launcher.snapshot().state()).isEqualTo(ServiceState.RUNNING);
	}

	@Test
	void requestsDuringAReloadCoalesceIntoExactlyOneMore() throws InterruptedException {
		this.launcher.launchService("a", new RecordingService("a", this.journal));
		CountDownLatch firstRunning = new CountDownLatch(1);
		CountDownLatch releaseFirst = new CountDownLatch(1);
		AtomicInteger refreshes = new AtomicInteger();
		ReloadCoordinator reloads = ready(() -> {
			if (refreshes.incrementAndGet() == 1) {
				firstRunning.countDown();
				awaitQuietly(releaseFirst);
			}
			return Set.of();
		});
		CompletableFuture<ReloadResult> first = reloads.request(ReloadTrigger.SIGHUP);
		firstRunning.await();
		List<CompletableFuture<ReloadResult>> coalesced = new ArrayList<>();
		for (int i = 0; i < 20; i++) {
			coalesced.add(reloads.request(ReloadTrigger.APPLICATION));
		}
		coalesced.add(reloads.request(ReloadTrigger.REFRESH_ENDPOINT));
		releaseFirst.countDown();
		assertThat(first.join().trigger()).isEqualTo(ReloadTrigger.SIGHUP);
		ReloadResult second = coalesced.get(0).join();
		assertThat(coalesced).allSatisfy((result) -> assertThat(result.join()).isSameAs(second));
		assertThat(second.trigger()).isEqualTo(ReloadTrigger.REFRESH_ENDPOINT);
		assertThat(refreshes).hasValue(2);
		assertThat(reloads.snapshot().count()).isEqualTo(2);
	}

	@Test
	void aRequestBeforeStartUpFinishedRunsOnceReady() throws InterruptedException {
		AtomicInteger refreshes = new AtomicInteger();
		ReloadCoordinator reloads = new ReloadCoordinator(this.launcher, () -> {
			refreshes.incrementAndGet();
			return Set.of();
		}, List::of);
		this.launcher.launchService("a", new RecordingService("a", this.journal));
		reloads.request(ReloadTrigger.APPLICATION);
		reloads.request(ReloadTrigger.APPLICATION);
		await().during(Duration.ofMillis(200)).until(() -> refreshes.get() == 0);
		reloads.markReady();
		await().until(() -> reloads.snapshot().count() == 1);
		assertThat(reloads.awaitIdle(Duration.ofSeconds(30))).isTrue();
		assertThat(refreshes).hasValue(1);
	}

	@Test
	void requestsAfterCloseAreIgnored() throws InterruptedException {
		this.launcher.launchService("a", new RecordingService("a", this.journal));
		AtomicInteger refreshes = new AtomicInteger();
		ReloadCoordinator reloads = ready(() -> {
			refreshes.incrementAndGet();
			return Set.of();
		});
		reloads.close();
		ReloadResult ignored = reloads.request(ReloadTrigger.REFRESH_EVENT).join();
		assertThat(ignored.outcome()).isEqualTo(ReloadOutcome.FAILURE);
		assertThat(ignored.error()).contains("shutting down");
		assertThat(reloads.awaitIdle(Duration.ofSeconds(1))).isTrue();
		assertThat(refreshes).hasValue(0);
		assertThat(reloads.snapshot().count()).isZero();
	}

	@Test
	void aRequestWaitingForStartUpIsAnsweredWhenTheProcessShutsDownInstead() {
		ReloadCoordinator reloads = new ReloadCoordinator(this.launcher, Set::of, List::of);
		CompletableFuture<ReloadResult> waiting = reloads.request(ReloadTrigger.REFRESH_ENDPOINT);
		assertThat(waiting).isNotDone();
		reloads.close();
		assertThat(waiting.join().error()).contains("shutting down");
	}

	@Test
	void codeRunByAReloadKnowsItIsOnTheReloadThread() {
		this.launcher.launchService("a", new RecordingService("a", this.journal));
		List<Boolean> seen = new CopyOnWriteArrayList<>();
		ReloadCoordinator[] holder = new ReloadCoordinator[1];
		holder[0] = ready(() -> {
			seen.add(holder[0].isReloadingThread());
			return Set.of();
		});
		holder[0].request(ReloadTrigger.APPLICATION).join();
		assertThat(seen).containsExactly(true);
		assertThat(holder[0].isReloadingThread()).isFalse();
	}

	@Test
	void withoutARefresherServicesAreOnlyReset() throws InterruptedException {
		this.launcher.launchService("a", new RecordingService("a", this.journal));
		this.journal.clear();
		ReloadCoordinator reloads = new ReloadCoordinator(this.launcher, null, List::of);
		reloads.markReady();
		reloads.request(ReloadTrigger.SIGHUP);
		reloads.awaitIdle(Duration.ofSeconds(30));
		assertThat(this.journal).containsExactly("a.reset");
		assertThat(reloads.rereadsConfiguration()).isFalse();
	}

	@Test
	void reloadRecoversAServiceThatFailedBefore() throws InterruptedException {
		RecordingService flaky = new RecordingService("flaky", this.journal);
		flaky.failOnReset(true);
		this.launcher.launchService("flaky", flaky);
		ReloadCoordinator reloads = ready(Set::of);
		reloads.request(ReloadTrigger.APPLICATION);
		reloads.awaitIdle(Duration.ofSeconds(30));
		assertThat(this.launcher.snapshot().serviceNamesIn(ServiceState.FAILED)).containsExactly("flaky");
		flaky.failOnReset(false);
		reloads.request(ReloadTrigger.APPLICATION);
		reloads.awaitIdle(Duration.ofSeconds(30));
		assertThat(this.launcher.snapshot().serviceNamesIn(ServiceState.RUNNING)).containsExactly("flaky");
	}

	@Test
	void anErrorInAReloadStillEndsItForListenersAndLaterReloadsRun() throws InterruptedException {
		this.launcher.launchService("a", new RecordingService("a", this.journal));
		AtomicInteger refreshes = new AtomicInteger();
		List<ReloadResult> finished = new CopyOnWriteArrayList<>();
		ReloadCoordinator reloads = ready(() -> {
			if (refreshes.incrementAndGet() == 1) {
				throw new NoClassDefFoundError("org/example/Missing");
			}
			return Set.of();
		}, finished::add);

		reloads.request(ReloadTrigger.APPLICATION);
		assertThat(reloads.awaitIdle(Duration.ofSeconds(30))).isTrue();
		assertThat(finished).singleElement().satisfies((result) -> {
			assertThat(result.outcome()).isEqualTo(ReloadOutcome.FAILURE);
			assertThat(result.error()).isEqualTo("the reload ended abruptly");
		});

		reloads.request(ReloadTrigger.APPLICATION);
		assertThat(reloads.awaitIdle(Duration.ofSeconds(30))).isTrue();
		assertThat(finished).hasSize(2).last().extracting(ReloadResult::outcome).isEqualTo(ReloadOutcome.SUCCESS);
	}

	@Test
	void listenersThatCannotBeFoundSpoilOnlyTheReloadThatAskedForThem() throws InterruptedException {
		this.launcher.launchService("a", new RecordingService("a", this.journal));
		AtomicInteger asked = new AtomicInteger();
		List<ReloadResult> finished = new CopyOnWriteArrayList<>();
		ReloadCoordinator reloads = new ReloadCoordinator(this.launcher, Set::of, () -> {
			if (asked.incrementAndGet() == 1) {
				throw new IllegalStateException("listener bean failed to build");
			}
			return List.of(finished::add);
		});
		reloads.markReady();

		reloads.request(ReloadTrigger.APPLICATION);
		assertThat(reloads.awaitIdle(Duration.ofSeconds(30))).isTrue();
		assertThat(reloads.snapshot().count()).isOne();
		assertThat(finished).isEmpty();

		reloads.request(ReloadTrigger.APPLICATION);
		assertThat(reloads.awaitIdle(Duration.ofSeconds(30))).isTrue();
		assertThat(finished).singleElement().extracting(ReloadResult::outcome).isEqualTo(ReloadOutcome.SUCCESS);
	}

	private ReloadCoordinator ready(ConfigurationRefresher refresher, ReloadListener... listeners) {
		ReloadCoordinator reloads = new ReloadCoordinator(this.launcher, refresher, () -> List.of(listeners));
		reloads.markReady();
		return reloads;
	}

	private static void awaitQuietly(CountDownLatch latch) {
		try {
			latch.await();
		}
		catch (InterruptedException ex) {
			Thread.currentThread().interrupt();
		}
	}

}
