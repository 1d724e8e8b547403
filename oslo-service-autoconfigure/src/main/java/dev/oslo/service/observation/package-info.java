/**
 * Micrometer observations of the engine's work: every attempt to run a periodic task, and
 * every start and stop of a service. Each is current on the thread doing the work, so
 * that logs carry its trace id and the spans the work starts nest in it; each becomes a
 * timer of the same name where the registry has Micrometer's meter handler. Names, keys
 * and values are listed in
 * {@link dev.oslo.service.observation.OsloServiceObservationDocumentation}. Needs only
 * {@code micrometer-observation}: usable from a plain {@code main}.
 */
@NullMarked
package dev.oslo.service.observation;

import org.jspecify.annotations.NullMarked;
