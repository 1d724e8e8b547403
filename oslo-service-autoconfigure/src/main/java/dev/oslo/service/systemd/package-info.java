/**
 * The systemd notification protocol ({@code sd_notify}): readiness, reloads, shutdown
 * progress, status lines and watchdog pings, sent over the datagram socket that
 * {@code NOTIFY_SOCKET} names.
 */
@NullMarked
package dev.oslo.service.systemd;

import org.jspecify.annotations.NullMarked;
