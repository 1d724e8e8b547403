/**
 * Task groups: the threads and timers that belong to one service (oslo's ThreadGroup).
 */
@NullMarked
package dev.oslo.service.taskgroup;

import org.jspecify.annotations.NullMarked;
