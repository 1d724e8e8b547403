/**
 * Looping calls (oslo's {@code loopingcall}): run a function again and again on a thread
 * of its own, at a fixed interval, at an interval it chooses, or backing off after
 * failures; and {@link dev.oslo.service.loopingcall.RetryDecorator} for retrying one
 * call. A leaf package: it depends on nothing else of the project.
 */
@NullMarked
package dev.oslo.service.loopingcall;

import org.jspecify.annotations.NullMarked;
