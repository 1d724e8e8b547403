/**
 * Not API: small helpers shared by the engine packages, public only so that those
 * packages can use them. This package depends on no other package of the project.
 */
@NullMarked
package dev.oslo.service.internal;

import org.jspecify.annotations.NullMarked;
