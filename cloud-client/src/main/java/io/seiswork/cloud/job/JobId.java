package io.seiswork.cloud.job;

import java.text.Normalizer;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.Locale;
import java.util.random.RandomGenerator;
import java.util.regex.Pattern;

/**
 * A cloud job's id: 3–63 lower-case letters, digits and hyphens, starting with a letter or digit.
 * Ids reach S3 keys, DynamoDB keys and queue messages, and come back from users on the command
 * line and from messages anyone with queue access could send, so every id is checked here before
 * it is used to build a key.
 *
 * @param value the id
 */
public record JobId(String value) {

    private static final Pattern VALID = Pattern.compile("[a-z0-9][a-z0-9-]{2,62}");
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss", Locale.ROOT)
            .withZone(ZoneOffset.UTC);
    private static final int MAX_NAME = 32;

    public JobId {
        if (value == null || !VALID.matcher(value).matches()) {
            throw new IllegalArgumentException("job id must be 3-63 lower-case letters, digits or hyphens, starting "
                    + "with a letter or digit, got \"" + (value == null ? "" : value.replaceAll("\\p{Cntrl}", "?")) + "\"");
        }
    }

    /**
     * A new id that says what and when: the spec's name reduced to {@code [a-z0-9-]} (at most
     * {@value #MAX_NAME} characters), the UTC time of submission, and 4 random hex digits so two
     * submissions in the same second differ ({@code layered-2d-demo-20261128-230501-4f2a}).
     *
     * <p>Any job name is accepted (core's {@code JobName} allows spaces, punctuation and letters of
     * any language): accents are taken off ("Profil-Übersicht" gives {@code profil-ubersicht}),
     * every run of other characters becomes one '-', and a name left with no letter or digit
     * ("(((", "Сейсмика") gives {@code job}, so the id is always valid.
     */
    public static JobId newFor(String specName, Instant now, RandomGenerator random) {
        String plain = specName == null ? "" : Normalizer.normalize(specName, Normalizer.Form.NFD)
                .replaceAll("\\p{M}+", "");
        String slug = plain.toLowerCase(Locale.ROOT).replaceAll("[^a-z0-9]+", "-").replaceAll("^-+|-+$", "");
        if (slug.length() > MAX_NAME) {
            slug = slug.substring(0, MAX_NAME).replaceAll("-+$", "");
        }
        String prefix = slug.isEmpty() ? "job" : slug;
        return new JobId(prefix + "-" + STAMP.format(now) + "-" + String.format(Locale.ROOT, "%04x", random.nextInt(1 << 16)));
    }

    @Override
    public String toString() {
        return value;
    }
}
