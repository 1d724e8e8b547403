/**
 * Test support: child JVMs that a test starts (an application's jar, a plain
 * {@code main}) and that never outlive it: the process and all its descendants are killed
 * on close, and by a shutdown hook if the test JVM itself ends first.
 */
@NullMarked
package dev.oslo.service.test.process;

import org.jspecify.annotations.NullMarked;
