/**
 * Headless cloud worker that consumes shot tasks from the queue and runs them on the local engine.
 *
 * <p>No code yet: this module is reserved by the architecture (see docs/architecture.md).
 */
package io.seiswork.worker;
