/**
 * Test support: a stand-in for systemd's notification socket, to check what an
 * application tells systemd ({@code READY=1}, {@code RELOADING=1}, {@code STOPPING=1},
 * {@code STATUS=}, {@code WATCHDOG=1}) without running it under systemd.
 */
@NullMarked
package dev.oslo.service.test.systemd;

import org.jspecify.annotations.NullMarked;
