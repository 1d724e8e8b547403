/**
 * POSIX signal handling; the only package that touches {@code sun.misc.Signal}.
 */
@NullMarked
package dev.oslo.service.signal;

import org.jspecify.annotations.NullMarked;
