package io.seiswork.cloud.job;

/** State of one shot in the job table ({@code sk = SHOT#<n>}). */
public enum ShotState {
    QUEUED, RUNNING, DONE, FAILED
}
