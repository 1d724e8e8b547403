package dev.oslo.service.process.classdata;

import java.nio.file.Path;

/**
 * How a JDK records the classes a JVM loads and maps them into the next JVMs: the dynamic
 * CDS archive on JDK 17 to 24, the AOT cache on JDK 25 and later (JEP 483, 514), which
 * also keeps the classes linked and profiled. A JDK 25 JVM refuses {@code -XX:AOTCache}
 * together with any {@code -Xshare} or CDS option.
 */
enum ArchiveFormat {

	/** The dynamic CDS archive, written when the training JVM exits. */
	CDS("CDS archive", "classes.jsa", "-XX:ArchiveClassesAtExit=", "-XX:SharedArchiveFile="),

	/** The AOT cache, assembled by a child JVM when the training JVM exits. */
	AOT_CACHE("AOT cache", "classes.aot", "-XX:AOTCacheOutput=", "-XX:AOTCache=");

	/** The first JDK whose {@code -XX:AOTCacheOutput} trains a cache in one run. */
	private static final int AOT_CACHE_OUTPUT = 25;

	private final String description;

	private final String fileName;

	private final String recordOption;

	private final String useOption;

	ArchiveFormat(String description, String fileName, String recordOption, String useOption) {
		this.description = description;
		this.fileName = fileName;
		this.recordOption = recordOption;
		this.useOption = useOption;
	}

	/**
	 * The format for a JDK.
	 * @param feature the JDK's feature release, e.g. 17 or 25
	 * @return the format
	 */
	static ArchiveFormat forFeature(int feature) {
		return (feature >= AOT_CACHE_OUTPUT) ? AOT_CACHE : CDS;
	}

	String fileName() {
		return this.fileName;
	}

	/**
	 * The option that makes a JVM write the archive to a file when it exits.
	 */
	String recordOption(Path file) {
		return this.recordOption + file;
	}

	/**
	 * The option that makes a JVM map the archive of a file.
	 */
	String useOption(Path file) {
		return this.useOption + file;
	}

	@Override
	public String toString() {
		return this.description;
	}

}
