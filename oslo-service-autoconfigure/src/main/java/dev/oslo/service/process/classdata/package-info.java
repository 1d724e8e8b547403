/**
 * Class-data archives for worker JVMs: a master that runs from a jar extracts it, has one
 * JVM record the classes a worker loads (CDS on JDK 17 to 24, the AOT cache on JDK 25 and
 * later), and spawns its later workers from that archive, so that they start faster and
 * share the archive's memory.
 */
@NullMarked
package dev.oslo.service.process.classdata;

import org.jspecify.annotations.NullMarked;
