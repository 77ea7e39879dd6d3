package io.seiswork.infra;

import java.util.Arrays;
import java.util.List;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * The choices a deployment makes, read from CDK context ({@code cdk deploy -c key=value} or the
 * {@code context} of {@code cdk.json}), checked before any construct is made so that a typo is one
 * line naming the key instead of a failed CloudFormation update twenty minutes later.
 *
 * @param workerImage the worker container image (required): a registry reference such as
 *     {@code 123456789012.dkr.ecr.eu-west-1.amazonaws.com/seiswork-worker:0.1.0}; an ECR image is
 *     pulled with a grant on its repository alone
 * @param instanceTypes GPU instance types for the fleet, context {@code workerInstanceType} (one
 *     type or several separated by commas, which gives spot more pools to draw from); default
 *     {@value #DEFAULT_INSTANCE_TYPE}
 * @param spot whether instances above the on-demand base (0) are spot, context {@code spot};
 *     default true, because a worker hands its shot back on the spot interruption's SIGTERM
 * @param maxWorkers most worker tasks (and instances), context {@code maxWorkers}; default
 *     {@value #DEFAULT_MAX_WORKERS}
 * @param workerMemoryMiB hard memory limit of a worker task, context {@code workerMemoryMiB};
 *     default {@value #DEFAULT_MEMORY_MIB}, which fits the 16 GiB of a g6.xlarge or g5.xlarge
 *     after the ECS agent's share
 * @param workerDiskGiB root volume of an instance (system, Docker images and container layers;
 *     the worker's files are on the scratch disk), context {@code workerDiskGiB}; default
 *     {@value #DEFAULT_DISK_GIB}
 * @param scratchDiskGiB the encrypted gp3 EBS scratch volume of each instance, the least scratch
 *     an instance has: its instance store is used instead when it holds at least as much
 *     ({@link ScratchDisk}); context {@code scratchDiskGiB}; default
 *     {@value #DEFAULT_SCRATCH_GIB}, room for the inputs, result and wavefield spill of a mid-size
 *     3D shot (a large one spills up to about 1 TB: raise it for those). 32 to 16384: gp3's largest,
 *     and the least that holds the volume's 16000 IOPS (500 IOPS per GiB)
 * @param alarmEmail where alarms are mailed, context {@code alarmEmail}; null for no topic
 * @param maxShotMinutes the longest a shot is expected to run, context {@code maxShotMinutes};
 *     default {@value #DEFAULT_MAX_SHOT_MINUTES} (a survey's shots take 0.1 to 1 hour). Shots
 *     waiting and none completed for twice that is an alarm ({@link Monitoring}); 5 to 720, since
 *     CloudWatch evaluates an alarm over a day at most
 */
public record StackSettings(String workerImage, List<String> instanceTypes, boolean spot, int maxWorkers,
        int workerMemoryMiB, int workerDiskGiB, int scratchDiskGiB, String alarmEmail, int maxShotMinutes) {

    public static final String DEFAULT_INSTANCE_TYPE = "g6.xlarge";
    public static final int DEFAULT_MAX_WORKERS = 16;
    public static final int DEFAULT_MEMORY_MIB = 14_336;
    public static final int DEFAULT_DISK_GIB = 100;
    public static final int DEFAULT_SCRATCH_GIB = 500;
    public static final int DEFAULT_MAX_SHOT_MINUTES = 60;

    private static final Pattern INSTANCE_TYPE = Pattern.compile("[a-z][a-z0-9-]*\\.[a-z0-9]+");
    private static final Pattern EMAIL = Pattern.compile("[^@\\s]+@[^@\\s]+\\.[^@\\s]+");

    public StackSettings {
        if (workerImage == null || workerImage.isBlank() || workerImage.chars().anyMatch(Character::isWhitespace)) {
            throw new IllegalArgumentException("workerImage is required, the worker's container image: "
                    + "cdk deploy -c workerImage=<account>.dkr.ecr.<region>.amazonaws.com/<repository>:<tag> "
                    + "(see docs/cloud.md, \"Deploying to AWS\")");
        }
        instanceTypes = List.copyOf(instanceTypes);
        if (instanceTypes.isEmpty()) {
            throw new IllegalArgumentException("workerInstanceType: name at least one instance type, e.g. " + DEFAULT_INSTANCE_TYPE);
        }
        for (String type : instanceTypes) {
            if (!INSTANCE_TYPE.matcher(type).matches()) {
                throw new IllegalArgumentException("workerInstanceType: \"" + type + "\" is not an EC2 instance type such as "
                        + DEFAULT_INSTANCE_TYPE);
            }
        }
        requireRange("maxWorkers", maxWorkers, 1, 1000);
        requireRange("workerMemoryMiB", workerMemoryMiB, 1024, 2_000_000);
        requireRange("workerDiskGiB", workerDiskGiB, 30, 16_384);
        requireRange("scratchDiskGiB", scratchDiskGiB, ScratchDisk.MIN_GIB, 16_384);
        requireRange("maxShotMinutes", maxShotMinutes, 5, 720);
        if (alarmEmail != null && !EMAIL.matcher(alarmEmail).matches()) {
            throw new IllegalArgumentException("alarmEmail: \"" + alarmEmail + "\" is not an e-mail address");
        }
    }

    /**
     * Reads the settings from context values: strings from {@code -c key=value}, or JSON
     * strings, numbers and booleans from {@code cdk.json}.
     *
     * @param context a context key to its value, null when not given
     * @throws IllegalArgumentException naming the key, for a missing image or a value out of range
     */
    public static StackSettings fromContext(Function<String, Object> context) {
        String types = text(context, "workerInstanceType", DEFAULT_INSTANCE_TYPE);
        return new StackSettings(
                text(context, "workerImage", null),
                Arrays.stream(types.split(",")).map(String::trim).filter(s -> !s.isEmpty()).toList(),
                bool(context, "spot", true),
                number(context, "maxWorkers", DEFAULT_MAX_WORKERS),
                number(context, "workerMemoryMiB", DEFAULT_MEMORY_MIB),
                number(context, "workerDiskGiB", DEFAULT_DISK_GIB),
                number(context, "scratchDiskGiB", DEFAULT_SCRATCH_GIB),
                text(context, "alarmEmail", null),
                number(context, "maxShotMinutes", DEFAULT_MAX_SHOT_MINUTES));
    }

    private static String text(Function<String, Object> context, String key, String fallback) {
        Object value = context.apply(key);
        if (value == null || value.toString().isBlank()) {
            return fallback;
        }
        return value.toString().trim();
    }

    private static boolean bool(Function<String, Object> context, String key, boolean fallback) {
        String value = text(context, key, Boolean.toString(fallback));
        return switch (value.toLowerCase(java.util.Locale.ROOT)) {
            case "true" -> true;
            case "false" -> false;
            default -> throw new IllegalArgumentException(key + ": must be true or false, got \"" + value + "\"");
        };
    }

    private static int number(Function<String, Object> context, String key, int fallback) {
        String value = text(context, key, Integer.toString(fallback));
        try {
            double d = Double.parseDouble(value); // cdk.json numbers may arrive as 16.0
            if (d != Math.rint(d) || Math.abs(d) > Integer.MAX_VALUE) {
                throw new NumberFormatException();
            }
            return (int) d;
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException(key + ": must be a whole number, got \"" + value + "\"");
        }
    }

    private static void requireRange(String key, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException(key + ": must be between " + min + " and " + max + ", got " + value);
        }
    }
}
