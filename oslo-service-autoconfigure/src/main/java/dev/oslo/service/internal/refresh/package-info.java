/**
 * Not API: re-reading the configuration on a reload with Spring Cloud's context refresh,
 * after checking the new values on a preview of the refreshed environment, so that an
 * invalid file is rejected before anything is applied. Public only for the
 * auto-configuration.
 */
@NullMarked
package dev.oslo.service.internal.refresh;

import org.jspecify.annotations.NullMarked;
