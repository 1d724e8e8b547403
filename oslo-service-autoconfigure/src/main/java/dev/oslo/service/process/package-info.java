/**
 * The master/worker machinery of the multi-process launcher: spawning worker JVMs, the
 * Unix-domain control channel between master and workers, and supervision (respawn with
 * back-off, an intensity limit, rolling replacement).
 */
@NullMarked
package dev.oslo.service.process;

import org.jspecify.annotations.NullMarked;
