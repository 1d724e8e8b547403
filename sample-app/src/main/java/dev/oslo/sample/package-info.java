/**
 * The sample daemon.
 */
@NullMarked
package dev.oslo.sample;

import org.jspecify.annotations.NullMarked;
