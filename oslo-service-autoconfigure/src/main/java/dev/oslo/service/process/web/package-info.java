/**
 * Web servers of worker JVMs that accept from the listening socket of their master.
 */
@NullMarked
package dev.oslo.service.process.web;

import org.jspecify.annotations.NullMarked;
