/**
 * Services and the launchers that own their lifecycle: start, graceful stop under a
 * deadline, restart.
 */
@NullMarked
package dev.oslo.service;

import org.jspecify.annotations.NullMarked;
