package io.seiswork.cloud.config;

/**
 * The local stack's emulators, some or all, accept no connection ({@link LocalCloudProbe#requireUp}).
 * Its message is the whole user message ("cannot reach the local cloud: S3 (S3Proxy) at
 * http://127.0.0.1:9000: connection refused; start the local cloud with scripts/cloud-local.sh
 * start"), so a command line or a window shows it as it is, without a stack trace: it is a state
 * of the machine, not a fault of the program.
 */
public final class LocalCloudDown extends IllegalStateException {

    private static final long serialVersionUID = 1L;

    LocalCloudDown(String message) {
        super(message);
    }
}
