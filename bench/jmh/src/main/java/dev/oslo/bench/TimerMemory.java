package dev.oslo.bench;

import java.io.BufferedReader;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.MemoryMXBean;
import java.lang.management.MemoryPoolMXBean;
import java.lang.management.MemoryType;
import java.lang.management.MemoryUsage;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.regex.Pattern;

import dev.oslo.service.loopingcall.LoopingTask;
import dev.oslo.service.taskgroup.TaskGroup;

/**
 * Memory of N concurrent timers: {@code java -cp target/benchmarks.jar dev.oslo.bench.TimerMemory
 * platform|virtual N [intervalMillis]}.
 * <p>
 * Measures the process before (after a few GCs), adds N timers of the given interval (1 s by
 * default) to one {@link TaskGroup} of platform or virtual threads, waits until every timer has
 * ticked once, lets them run for a while (their CPU time per tick is measured meanwhile), measures
 * again after a few GCs, then stops the group. Prints a table and one {@code RESULT key=value ...}
 * line for {@code run-timer-memory.sh}.
 * <ul>
 * <li>heap used: {@link MemoryMXBean} after {@code System.gc()}: the timers' objects and, for
 * virtual threads, their stacks (a parked virtual thread's frames live on the heap);</li>
 * <li>RSS: {@code VmRSS} of {@code /proc/self/status}: everything resident, including platform
 * thread stacks (native memory, touched pages only) and heap pages the GC has touched;</li>
 * <li>OS threads: {@code Threads} of {@code /proc/self/status} (kernel threads, i.e. platform and
 * carrier threads); JMX threads: {@link ThreadMXBean#getThreadCount()}, which does not count
 * virtual threads; live timer threads: the group's threads that are alive.</li>
 * </ul>
 */
public final class TimerMemory {

	private TimerMemory() {
	}

	public static void main(String[] args) throws Exception {
		if (args.length < 2 || !List.of("platform", "virtual").contains(args[0])) {
			System.err.println("usage: TimerMemory platform|virtual N [intervalMillis]");
			System.exit(64);
		}
		boolean virtual = args[0].equals("virtual");
		int n = Integer.parseInt(args[1]);
		Duration interval = Duration.ofMillis(args.length > 2 ? Long.parseLong(args[2]) : 1000);
		if (virtual) {
			Threads.requireVirtualThreads();
		}

		Snapshot before = Snapshot.take();
		TaskGroup group = TaskGroup.builder("timer-memory").virtualThreads(virtual).maxThreads(n + 1).build();
		CountDownLatch firstTicks = new CountDownLatch(n);
		LongAdder ticks = new LongAdder();
		long start = System.nanoTime();
		int added = 0;
		Throwable failure = null;
		try {
			for (int i = 0; i < n; i++) {
				group.addTimer(interval, Duration.ZERO, false, new Tick(firstTicks, ticks));
				added++;
			}
		}
		catch (Throwable ex) { // OutOfMemoryError: unable to create native thread, TaskGroupFullException
			failure = ex;
		}
		long addNanos = System.nanoTime() - start;
		if (failure != null) {
			System.out.printf(Locale.ROOT, "FAILED mode=%s java=%d n=%d added=%d error=%s%n", args[0],
					Threads.javaVersion(), n, added, failure.toString().replace(' ', '_'));
			group.stop(false);
			System.exit(2);
		}
		boolean allTicked = firstTicks.await(2, TimeUnit.MINUTES);
		long firstTickNanos = System.nanoTime() - start;
		if (!allTicked) {
			System.out.printf(Locale.ROOT, "FAILED mode=%s java=%d n=%d error=only_%d_timers_ticked_in_2_min%n",
					args[0], Threads.javaVersion(), n, n - firstTicks.getCount());
			group.stop(false);
			System.exit(3);
		}

		// let every timer settle into its interval, then measure the CPU that the ticks cost
		Thread.sleep(2 * interval.toMillis());
		com.sun.management.OperatingSystemMXBean os = (com.sun.management.OperatingSystemMXBean) ManagementFactory
			.getOperatingSystemMXBean();
		long cpu0 = os.getProcessCpuTime();
		long ticks0 = ticks.sum();
		long window0 = System.nanoTime();
		Thread.sleep(5 * interval.toMillis());
		long cpuNanos = os.getProcessCpuTime() - cpu0;
		long windowTicks = ticks.sum() - ticks0;
		long windowNanos = System.nanoTime() - window0;

		Snapshot after = Snapshot.take();
		int liveTimerThreads = group.threads().size();
		long stopStart = System.nanoTime();
		group.stop(true);
		long stopNanos = System.nanoTime() - stopStart;

		double mib = 1024.0 * 1024.0;
		System.out.printf(Locale.ROOT, "java %s, %s threads, %d timers of %d ms%n", Runtime.version(), args[0], n,
				interval.toMillis());
		System.out.printf(Locale.ROOT, "%-24s %12s %12s %12s%n", "", "before", "after", "delta");
		row("heap used (MiB)", before.heapUsed / mib, after.heapUsed / mib);
		row("heap after GC (MiB)", before.heapAfterGc / mib, after.heapAfterGc / mib);
		row("heap committed (MiB)", before.heapCommitted / mib, after.heapCommitted / mib);
		row("non-heap used (MiB)", before.nonHeapUsed / mib, after.nonHeapUsed / mib);
		row("RSS (MiB)", before.rssKib / 1024.0, after.rssKib / 1024.0);
		row("thread stacks RSS (MiB)", before.stackRssKib / 1024.0, after.stackRssKib / 1024.0);
		row("stack mappings", before.stackMappings, after.stackMappings);
		row("VmSize (MiB)", before.vmSizeKib / 1024.0, after.vmSizeKib / 1024.0);
		row("OS threads", before.osThreads, after.osThreads);
		row("JMX thread count", before.jmxThreads, after.jmxThreads);
		System.out.printf(Locale.ROOT, "live timer threads %d; per timer: heap %.2f KiB, RSS %.2f KiB%n",
				liveTimerThreads, (after.heapUsed - before.heapUsed) / 1024.0 / n,
				(double) (after.rssKib - before.rssKib) / n);
		System.out.printf(Locale.ROOT,
				"adding took %.0f ms, all ticked after %.0f ms, stop(true) took %.0f ms; "
						+ "%d ticks in %.1f s cost %.0f ms CPU = %.1f us CPU per tick%n",
				addNanos / 1e6, firstTickNanos / 1e6, stopNanos / 1e6, windowTicks, windowNanos / 1e9, cpuNanos / 1e6,
				cpuNanos / 1e3 / Math.max(1, windowTicks));
		System.out.printf(Locale.ROOT,
				"RESULT mode=%s java=%d n=%d heapBeforeMiB=%.2f heapAfterMiB=%.2f heapDeltaMiB=%.2f heapAfterGcDeltaMiB=%.2f heapCommittedDeltaMiB=%.0f "
						+ "rssBeforeMiB=%.1f rssAfterMiB=%.1f rssDeltaMiB=%.1f stackRssDeltaMiB=%.1f stackMappingsAfter=%d heapPerTimerKiB=%.3f rssPerTimerKiB=%.2f "
						+ "osThreadsBefore=%d osThreadsAfter=%d jmxThreadsAfter=%d liveTimerThreads=%d "
						+ "vmSizeDeltaMiB=%.0f addMs=%.0f stopMs=%.0f cpuUsPerTick=%.2f%n",
				args[0], Threads.javaVersion(), n, before.heapUsed / mib, after.heapUsed / mib,
				(after.heapUsed - before.heapUsed) / mib, (after.heapAfterGc - before.heapAfterGc) / mib,
				(after.heapCommitted - before.heapCommitted) / mib,
				before.rssKib / 1024.0, after.rssKib / 1024.0,
				(after.rssKib - before.rssKib) / 1024.0, (after.stackRssKib - before.stackRssKib) / 1024.0,
				after.stackMappings, (after.heapUsed - before.heapUsed) / 1024.0 / n,
				(double) (after.rssKib - before.rssKib) / n, before.osThreads, after.osThreads, after.jmxThreads,
				liveTimerThreads, (after.vmSizeKib - before.vmSizeKib) / 1024.0, addNanos / 1e6, stopNanos / 1e6,
				cpuNanos / 1e3 / Math.max(1, windowTicks));
	}

	private static void row(String name, double before, double after) {
		System.out.printf(Locale.ROOT, "%-24s %12.1f %12.1f %12.1f%n", name, before, after, after - before);
	}

	/** Counts its timer's ticks and reports the first one. */
	private static final class Tick implements LoopingTask {

		private final CountDownLatch firstTicks;

		private final LongAdder ticks;

		private boolean ticked;

		Tick(CountDownLatch firstTicks, LongAdder ticks) {
			this.firstTicks = firstTicks;
			this.ticks = ticks;
		}

		@Override
		public void run() {
			this.ticks.increment();
			if (!this.ticked) {
				this.ticked = true;
				this.firstTicks.countDown();
			}
		}

	}

	/** The first line of a mapping in {@code /proc/self/smaps}: {@code start-end perms ...}. */
	private static final Pattern MAPPING = Pattern.compile("[0-9a-f]+-[0-9a-f]+ ");

	private record Snapshot(long heapUsed, long heapAfterGc, long heapCommitted, long nonHeapUsed, long rssKib, long vmSizeKib,
			int osThreads, int jmxThreads, long stackRssKib, int stackMappings) {

		static Snapshot take() throws InterruptedException, IOException {
			for (int i = 0; i < 3; i++) {
				System.gc();
				Thread.sleep(200);
			}
			// read right after a full GC: a while later every running thread has taken a fresh TLAB,
			// which G1 counts as used (10 000 platform threads x a TLAB sized for a 1 GiB heap is
			// tens of MiB of nothing)
			System.gc();
			MemoryMXBean memory = ManagementFactory.getMemoryMXBean();
			long heapUsed = memory.getHeapMemoryUsage().getUsed();
			long afterGc = 0;
			for (MemoryPoolMXBean pool : ManagementFactory.getMemoryPoolMXBeans()) {
				MemoryUsage usage = (pool.getType() == MemoryType.HEAP) ? pool.getCollectionUsage() : null;
				afterGc += (usage != null) ? usage.getUsed() : 0;
			}
			List<String> status = Files.readAllLines(Path.of("/proc/self/status"));
			long[] stacks = stackRss();
			return new Snapshot(heapUsed, afterGc, memory.getHeapMemoryUsage().getCommitted(),
					memory.getNonHeapMemoryUsage().getUsed(), field(status, "VmRSS"), field(status, "VmSize"),
					(int) field(status, "Threads"), ManagementFactory.getThreadMXBean().getThreadCount(), stacks[0],
					(int) stacks[1]);
		}

		/**
		 * Resident memory of the platform threads' stacks, from {@code /proc/self/smaps}: the
		 * writable anonymous mappings of about the default thread stack size (1 MiB less the JVM's
		 * guard pages, which are separate no-access mappings). A heuristic: the number of mappings
		 * it counts is reported too, and should be about the number of OS threads.
		 * @return the resident KiB and the number of mappings
		 */
		private static long[] stackRss() throws IOException {
			long rss = 0;
			long mappings = 0;
			boolean stack = false;
			try (BufferedReader reader = Files.newBufferedReader(Path.of("/proc/self/smaps"))) {
				for (String line = reader.readLine(); line != null; line = reader.readLine()) {
					if (MAPPING.matcher(line).lookingAt()) {
						String[] parts = line.split("\\s+");
						String[] range = parts[0].split("-");
						long kib = (Long.parseUnsignedLong(range[1], 16) - Long.parseUnsignedLong(range[0], 16)) / 1024;
						stack = parts.length == 5 && parts[1].startsWith("rw") && kib >= 960 && kib <= 1088;
						mappings += stack ? 1 : 0;
					}
					else if (stack && line.startsWith("Rss:")) {
						rss += Long.parseLong(line.substring(4).trim().split("\\s+")[0]);
					}
				}
			}
			return new long[] { rss, mappings };
		}

		private static long field(List<String> status, String name) {
			for (String line : status) {
				if (line.startsWith(name + ":")) {
					return Long.parseLong(line.substring(name.length() + 1).trim().split("\\s+")[0]);
				}
			}
			throw new IllegalStateException(name + " not in /proc/self/status");
		}

	}

}
