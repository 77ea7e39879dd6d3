package io.seiswork.cloud.job;

import io.seiswork.core.files.RunOutputs;
import java.util.HexFormat;
import java.util.Set;

/**
 * The bucket's layout, the one place S3 keys are built (architecture: cloud protocol):
 * <ul>
 *   <li>{@code inputs/sha256/<hash>}: content-addressed inputs (velocity files, recorded data), so
 *       a model used by many jobs is uploaded once;</li>
 *   <li>{@code jobs/<jobId>/spec.json}: the job spec as submitted, its file paths rewritten to
 *       input keys;</li>
 *   <li>{@code jobs/<jobId>/shots/<shot>.bin}: one shot's result (a partial image for task rtm, the
 *       shot's gather as SEG-Y for task model); rewriting it is harmless, so a shot delivered twice
 *       needs no coordination;</li>
 *   <li>{@code jobs/<jobId>/image/<file>}: the outputs ({@code image.sgy}, {@code image.swv} or
 *       {@code shots.sgy}).</li>
 * </ul>
 * Every piece is validated before it becomes part of a key, so no user text can reach another
 * job's prefix.
 */
public final class ObjectKeys {

    /**
     * The tag every shot result is stored with ({@code x-amz-tagging}): the stack's bucket expires
     * objects with it 365 days after they were written (infra's {@code JobStore.EXPIRY_TAG}, which
     * must be the same text), removing the results of jobs that failed or were cancelled; a
     * stacked job's are deleted by its stacker at once, and a resume recomputes any that expired.
     */
    public static final String SHOT_RESULT_TAGGING = "seiswork-expiry=shot-result";

    /** Output file names a job may store under {@code image/}. */
    public static final Set<String> OUTPUT_FILES = Set.of(RunOutputs.IMAGE, RunOutputs.IMAGE_VOLUME, RunOutputs.SHOTS,
            RunOutputs.REPORT);

    private ObjectKeys() {
    }

    /** Key of an input with this SHA-256 (64 lower-case hex digits). */
    public static String input(String sha256) {
        if (sha256 == null || sha256.length() != 64 || !sha256.chars().allMatch(c -> HexFormat.isHexDigit(c)
                && !Character.isUpperCase(c))) {
            throw new IllegalArgumentException("input hash must be 64 lower-case hex digits, got \"" + sha256 + "\"");
        }
        return "inputs/sha256/" + sha256;
    }

    /** Whether {@code key} is an input key this layout would build. */
    public static boolean isInput(String key) {
        try {
            return key != null && key.startsWith("inputs/sha256/") && input(key.substring("inputs/sha256/".length())).equals(key);
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    /** Prefix of everything a job owns. */
    public static String job(JobId id) {
        return "jobs/" + id.value() + "/";
    }

    public static String spec(JobId id) {
        return job(id) + "spec.json";
    }

    /** One shot's result; shots are numbered from 1. */
    public static String shotResult(JobId id, int shot) {
        if (shot < 1) {
            throw new IllegalArgumentException("shot numbers start at 1, got " + shot);
        }
        return shotResults(id) + shot + ".bin";
    }

    /** Prefix of the job's shot results. */
    public static String shotResults(JobId id) {
        return job(id) + "shots/";
    }

    /**
     * The shot whose result {@code key} is, or 0 when the key is not one of the job's shot results
     * (another object under the prefix, a number out of range).
     */
    public static int shotOfResult(JobId id, String key) {
        String prefix = shotResults(id);
        if (key == null || !key.startsWith(prefix) || !key.endsWith(".bin")) {
            return 0;
        }
        String number = key.substring(prefix.length(), key.length() - ".bin".length());
        if (!number.matches("[1-9][0-9]{0,8}")) {
            return 0;
        }
        return Integer.parseInt(number);
    }

    /** An output file of the job, one of {@link #OUTPUT_FILES}. */
    public static String output(JobId id, String file) {
        if (!OUTPUT_FILES.contains(file)) {
            throw new IllegalArgumentException("job output must be one of " + OUTPUT_FILES + ", got \"" + file + "\"");
        }
        return job(id) + "image/" + file;
    }
}
