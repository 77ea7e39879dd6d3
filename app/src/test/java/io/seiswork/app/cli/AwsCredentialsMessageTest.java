package io.seiswork.app.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.seiswork.cloud.config.CloudSettings;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.regions.Region;

/**
 * {@code --cloud aws} with a region but no credentials: one short line saying how to give some,
 * not the SDK's account of every provider of its default chain (about 1,400 characters).
 */
class AwsCredentialsMessageTest {

    @TempDir
    Path dir;

    /** The SDK's message, as it printed it for a user with a region and no credentials (abridged in the middle). */
    private static final String SDK_MESSAGE = "Unable to load credentials from any of the providers in the chain"
            + " AwsCredentialsProviderChain(credentialsProviders=[SystemPropertyCredentialsProvider(),"
            + " EnvironmentVariableCredentialsProvider(), WebIdentityTokenCredentialsProvider(),"
            + " ProfileCredentialsProvider(profileName=default, profileFile=ProfileFile(sections=[])),"
            + " ContainerCredentialsProvider(), InstanceProfileCredentialsProvider()]) : [SystemPropertyCredentialsProvider():"
            + " Unable to load credentials from system settings. Access key must be specified either via environment"
            + " variable (AWS_ACCESS_KEY_ID) or system property (aws.accessKeyId)., EnvironmentVariableCredentialsProvider():"
            + " Unable to load credentials from system settings. ..., InstanceProfileCredentialsProvider(): Failed to load"
            + " credentials from IMDS.]";

    @Test
    void missingCredentialsAreOneShortLine() {
        CloudSettings aws = new CloudSettings("aws", Region.EU_WEST_1, null, null, null, "b", "t", "q",
                StaticCredentialsProvider.create(AwsBasicCredentials.create("unused", "unused")));
        IllegalStateException e = CloudOptions.unreachable(aws, SdkClientException.create(SDK_MESSAGE), null);
        assertEquals(CloudOptions.NO_CREDENTIALS, e.getMessage());
        assertTrue(e.getMessage().length() < 200, e.getMessage());
        assertTrue(e.getMessage().contains("AWS_PROFILE") && e.getMessage().contains("aws sso login"), e.getMessage());
        // wrapped by the client that asked for them: found all the same
        IllegalStateException wrapped = CloudOptions.unreachable(aws, SdkClientException.builder()
                .message("Unable to execute HTTP request").cause(SdkClientException.create(SDK_MESSAGE)).build(), null);
        assertEquals(CloudOptions.NO_CREDENTIALS, wrapped.getMessage());
        // anything else still names the cloud and the SDK's reason
        IllegalStateException other = CloudOptions.unreachable(aws, SdkClientException.create("Connection refused"),
                null);
        assertTrue(other.getMessage().startsWith("cannot reach the aws cloud: Connection refused; "), other.getMessage());
    }

    /**
     * Credentials configured that do not load: which source was tried and its provider's own
     * reason on one line (an expired SSO session, an STS refusal), not "no AWS credentials found".
     */
    @Test
    void configuredCredentialsThatFailSayWhichAndWhy() {
        String sdk = "Unable to load credentials from any of the providers in the chain AwsCredentialsProviderChain("
                + "credentialsProviders=[SystemPropertyCredentialsProvider(), EnvironmentVariableCredentialsProvider(),"
                + " ProfileCredentialsProvider(profileName=dev, profileFile=ProfileFile(sections=[profiles]))]) :"
                + " [SystemPropertyCredentialsProvider(): Unable to load credentials from system settings. Access key"
                + " must be specified., EnvironmentVariableCredentialsProvider(): Unable to load credentials from"
                + " system settings., ProfileCredentialsProvider(profileName=dev, profileFile=ProfileFile(sections="
                + "[profiles])): The SSO session associated with this profile has expired or is otherwise invalid."
                + " To refresh this SSO session run aws sso login with the corresponding profile.\n\tat stack]";
        AwsCredentialSource dev = new AwsCredentialSource("profile 'dev' (AWS_PROFILE)", "ProfileCredentialsProvider(");
        IllegalStateException e = CloudOptions.unreachable(aws(), SdkClientException.create(sdk), dev);
        assertEquals("cannot load AWS credentials from profile 'dev' (AWS_PROFILE): The SSO session associated with"
                + " this profile has expired or is otherwise invalid. To refresh this SSO session run aws sso login"
                + " with the corresponding profile.", e.getMessage());
        // a source not in the list: the first provider's reason
        AwsCredentialSource keys = new AwsCredentialSource("AWS_ACCESS_KEY_ID", "NoSuchCredentialsProvider(");
        assertEquals("cannot load AWS credentials from AWS_ACCESS_KEY_ID: Unable to load credentials from system"
                + " settings. Access key must be specified.",
                CloudOptions.unreachable(aws(), SdkClientException.create(sdk), keys).getMessage());
        String longReason = AwsCredentialSource.shortened("x".repeat(1000));
        assertEquals(AwsCredentialSource.MAX_REASON, longReason.length());
        assertTrue(longReason.endsWith("..."), longReason);
    }

    private static CloudSettings aws() {
        return new CloudSettings("aws", Region.EU_WEST_1, null, null, null, "b", "t", "q",
                StaticCredentialsProvider.create(AwsBasicCredentials.create("unused", "unused")));
    }

    /**
     * The whole command, with the SDK's real chain: region and bucket set, every credential source
     * empty (no profile files, instance metadata off). Skipped where this machine has credentials
     * in its environment.
     */
    @Test
    void aCloudCommandWithoutCredentialsSaysSoInOneLine() {
        CliRun r = runWithout(Map.of());
        assertEquals(1, r.exit(), r.err());
        assertEquals("seiswork: " + CloudOptions.NO_CREDENTIALS, r.err().strip());
    }

    /**
     * The SDK's real chain (offline) with AWS_PROFILE (its system property, aws.profile) naming a
     * profile the config files do not have: the profile is named, with the SDK's reason.
     */
    @Test
    void aProfileThatDoesNotExistIsNamedWithTheSdksReason() {
        CliRun r = runWithout(Map.of("aws.profile", "seiswork-no-such-profile"));
        assertEquals(1, r.exit(), r.err());
        String err = r.err().strip();
        assertEquals(1, err.lines().count(), err);
        assertTrue(err.startsWith("seiswork: cannot load AWS credentials from profile 'seiswork-no-such-profile'"
                + " (AWS_PROFILE): "), err);
        assertTrue(err.substring(err.indexOf("(AWS_PROFILE): ")).contains("seiswork-no-such-profile"),
                "the SDK's reason, which names the profile: " + err);
        assertTrue(!err.contains("ProfileFile(") && err.length() < 400, err);
    }

    /** {@code seiswork jobs --cloud aws} with no credentials anywhere but {@code more} system properties. */
    private CliRun runWithout(Map<String, String> more) {
        for (String v : List.of("AWS_ACCESS_KEY_ID", "AWS_PROFILE", "AWS_WEB_IDENTITY_TOKEN_FILE",
                "AWS_CONTAINER_CREDENTIALS_RELATIVE_URI", "AWS_CONTAINER_CREDENTIALS_FULL_URI")) {
            assumeTrue(System.getenv(v) == null, v + " is set here: the SDK would find credentials");
        }
        Map<String, String> properties = new HashMap<>(Map.of("SEISWORK_BUCKET", "seiswork-test-bucket",
                "aws.region", "eu-west-1", "aws.sharedCredentialsFile", dir.resolve("no-credentials").toString(),
                "aws.configFile", dir.resolve("no-config").toString(), "aws.disableEc2Metadata", "true"));
        properties.putAll(more);
        Map<String, String> before = new HashMap<>();
        properties.forEach((k, v) -> before.put(k, System.setProperty(k, v)));
        try {
            return CliRun.run("jobs", "--cloud", "aws");
        } finally {
            before.forEach((k, v) -> {
                if (v == null) {
                    System.clearProperty(k);
                } else {
                    System.setProperty(k, v);
                }
            });
        }
    }
}
