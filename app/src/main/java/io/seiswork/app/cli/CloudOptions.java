package io.seiswork.app.cli;

import io.seiswork.cloud.config.CloudClients;
import io.seiswork.cloud.config.CloudSettings;
import io.seiswork.cloud.dispatch.Dispatcher;
import io.seiswork.cloud.job.JobId;
import java.util.function.Function;
import picocli.CommandLine.Option;
import software.amazon.awssdk.core.exception.SdkClientException;

/**
 * {@code --cloud local|aws}, shared by the cloud commands, and the one place their calls are
 * turned into user messages: an unreachable stack says which one and what to start, not the SDK's
 * stack trace.
 */
final class CloudOptions {

    @Option(names = "--cloud", paramLabel = "local|aws", defaultValue = "${env:SEISWORK_CLOUD:-local}",
            description = {"Which stack: local (the emulators of scripts/cloud-local.sh) or aws (bucket from "
                    + "SEISWORK_BUCKET, credentials from the AWS default chain, e.g. AWS_PROFILE). Default: "
                    + "SEISWORK_CLOUD, else local."})
    String cloud;

    CloudSettings settings() {
        return CloudSettings.named(cloud, CloudSettings.environment());
    }


    /** Runs {@code work} with the stack's dispatcher, closing its clients after. */
    <T> T withDispatcher(Function<Dispatcher, T> work) {
        CloudSettings s = settings();
        try (CloudClients clients = new CloudClients(s)) {
            return work.apply(Dispatcher.of(clients));
        } catch (SdkClientException e) {
            throw unreachable(s, e);
        }
    }

    /** The message for a stack that does not answer. */
    static IllegalStateException unreachable(CloudSettings s, SdkClientException e) {
        return new IllegalStateException("cannot reach the " + s.name() + " cloud: " + e.getMessage() + "; "
                + s.whenUnreachable(), e);
    }

    static JobId jobId(String text) {
        return new JobId(text);
    }
}
