package io.seiswork.app.cli;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import software.amazon.awssdk.core.SdkSystemSetting;
import software.amazon.awssdk.profiles.ProfileFile;
import software.amazon.awssdk.profiles.ProfileFileSystemSetting;

/**
 * Where the AWS default credentials chain was told to find credentials (AWS_ACCESS_KEY_ID, an
 * AWS_PROFILE, or a default profile in the AWS config files), and that provider's own reason for
 * failing: when credentials are configured but do not load (an expired SSO session, a profile
 * that does not exist, an assume-role STS refused), "no credentials found, set AWS_PROFILE" would
 * hide the cause the user needs.
 *
 * @param described the source in words, for example "profile 'dev' (AWS_PROFILE)"
 * @param provider the start of the chain's entry for that source in the SDK's message, for
 *     example "ProfileCredentialsProvider("
 */
record AwsCredentialSource(String described, String provider) {

    /** Longest reason quoted from the SDK, characters; longer ones end in "...". */
    static final int MAX_REASON = 300;

    /** The start of the SDK's message when no provider of its chain had credentials. */
    static final String CHAIN_FAILED = "Unable to load credentials";

    private static final Pattern NEXT_ENTRY = Pattern.compile(", [A-Z][A-Za-z]*CredentialsProvider\\(");

    /**
     * The source this process's settings (system properties, then the environment, as the SDK
     * reads them) point the chain at, or null when none is configured.
     */
    static AwsCredentialSource current() {
        if (System.getProperty("aws.accessKeyId") != null) {
            return new AwsCredentialSource("the aws.accessKeyId property", "SystemPropertyCredentialsProvider(");
        }
        if (SdkSystemSetting.AWS_ACCESS_KEY_ID.getStringValue().isPresent()) {
            return new AwsCredentialSource("AWS_ACCESS_KEY_ID", "EnvironmentVariableCredentialsProvider(");
        }
        // Set explicitly, not the setting's value, which falls back to "default".
        String profile = Optional.ofNullable(System.getProperty(ProfileFileSystemSetting.AWS_PROFILE.property()))
                .orElseGet(() -> System.getenv(ProfileFileSystemSetting.AWS_PROFILE.environmentVariable()));
        if (profile != null) {
            return new AwsCredentialSource("profile '" + profile + "' (AWS_PROFILE)", "ProfileCredentialsProvider(");
        }
        return defaultProfileConfigured()
                ? new AwsCredentialSource("profile 'default' (the AWS config files)", "ProfileCredentialsProvider(")
                : null;
    }

    /** Whether ~/.aws/config or ~/.aws/credentials (or their overrides) has a default profile, or cannot be read. */
    private static boolean defaultProfileConfigured() {
        try {
            return ProfileFile.defaultProfileFile().profile("default").isPresent();
        } catch (RuntimeException e) {
            return true;  // a file there that does not parse: the profile provider's reason says so
        }
    }

    /**
     * This source's provider's reason in the SDK's "Unable to load credentials from any of the
     * providers in the chain ... : [Provider(...): reason, ...]" found in {@code e}'s causes (the
     * first provider's when this one is not listed), on one line, without the profile file's
     * dump, at most {@link #MAX_REASON} characters; null when there is no such message.
     */
    String reason(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String m = t.getMessage();
            if (m != null && m.startsWith(CHAIN_FAILED)) {
                return reasonIn(m);
            }
        }
        return null;
    }

    private String reasonIn(String message) {
        int list = message.indexOf(" : [");
        if (list < 0) {
            return null;
        }
        int entry = message.indexOf(provider, list);
        int colon = message.indexOf("): ", entry < 0 ? list : entry);
        if (colon < 0) {
            return null;
        }
        int start = colon + 3;
        Matcher next = NEXT_ENTRY.matcher(message);
        int end = next.find(start) ? next.start() : message.lastIndexOf(']');
        return shortened(message.substring(start, Math.max(start, end)));
    }

    /** One line, no "ProfileFile(sections=[...])" dump, at most {@link #MAX_REASON} characters. */
    static String shortened(String reason) {
        String r = reason.lines().findFirst().orElse("").strip();
        int dump = r.indexOf(": ProfileFile(");
        if (dump >= 0) {
            r = r.substring(0, dump);
        }
        return r.length() > MAX_REASON ? r.substring(0, MAX_REASON - 3) + "..." : r;
    }
}
