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
            converter = OptionValues.Cloud.class,
            description = {"Which stack: local (the emulators of scripts/cloud-local.sh) or aws (bucket from "
                    + "SEISWORK_BUCKET, credentials from the AWS default chain, e.g. AWS_PROFILE). Default: "
                    + "SEISWORK_CLOUD, else local."})
    String cloud;

    /** How the command line's user runs on the local cloud instead of a stack whose settings are missing. */
    static final String LOCAL_INSTEAD = "use --cloud local";

    CloudSettings settings() {
        return CloudSettings.named(cloud, CloudSettings.environment(), LOCAL_INSTEAD);
    }


    /** Runs {@code work} with the stack's dispatcher, closing its clients after. */
    <T> T withDispatcher(Function<Dispatcher, T> work) {
        CloudSettings s = settings();
        try (CloudClients clients = CloudClients.forUser(s)) {
            return work.apply(Dispatcher.of(clients));
        } catch (SdkClientException e) {
            throw unreachable(s, e);
        }
    }

    /**
     * The message for a stack that does not answer; for AWS whose credentials chain found nothing
     * one short line instead of the SDK's account of every provider it tried (about 1,400
     * characters): how to give credentials when none are configured, else which source was tried
     * and its provider's reason ({@link AwsCredentialSource}).
     */
    static IllegalStateException unreachable(CloudSettings s, SdkClientException e) {
        return unreachable(s, e, AwsCredentialSource.current());
    }

    /** {@link #unreachable(CloudSettings, SdkClientException)} with the configured source given (null: none). */
    static IllegalStateException unreachable(CloudSettings s, SdkClientException e, AwsCredentialSource source) {
        if (!s.isLocal() && noCredentials(e)) {
            String reason = source == null ? null : source.reason(e);
            return new IllegalStateException(source == null ? NO_CREDENTIALS : "cannot load AWS credentials from "
                    + source.described() + (reason == null || reason.isEmpty() ? "" : ": " + reason), e);
        }
        return new IllegalStateException("cannot reach the " + s.name() + " cloud: " + e.getMessage() + "; "
                + s.whenUnreachable(), e);
    }

    /** What {@link #unreachable} says when the AWS default credentials chain found nothing. */
    static final String NO_CREDENTIALS = "no AWS credentials found: set AWS_PROFILE to a profile that has some (after"
            + " 'aws sso login' for an SSO profile), or AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY";

    /** Whether {@code e}, or an exception it wraps, is the SDK's "Unable to load credentials ...". */
    static boolean noCredentials(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t.getMessage() != null && t.getMessage().startsWith(AwsCredentialSource.CHAIN_FAILED)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The job id given to {@code spec}'s command ({@code status JOB}, {@code view --job JOB}); one that
     * is not a job id is a usage error (exit 2, {@link OptionValues#usage}), refused before any call
     * to the cloud.
     */
    static JobId jobId(picocli.CommandLine.Model.CommandSpec spec, String text) {
        return OptionValues.usage(spec, () -> new JobId(text));
    }
}
