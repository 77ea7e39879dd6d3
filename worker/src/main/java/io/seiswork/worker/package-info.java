/**
 * The headless cloud worker ({@code seiswork worker}): takes shot tasks from the queue, runs each
 * on the local engine with the same code as a local run ({@link io.seiswork.kernels.job.ShotComputer}),
 * stores the result, counts it in the job table, and stacks the job after its last shot. See
 * {@link io.seiswork.worker.ShotWorker} for how it survives redelivery, failures and spot
 * interruptions.
 */
package io.seiswork.worker;
