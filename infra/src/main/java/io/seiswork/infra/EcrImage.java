package io.seiswork.infra;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A container image reference that names a private ECR repository
 * ({@code <account>.dkr.ecr.<region>.amazonaws.com/<repository>[:tag|@digest]}), read so that
 * the task execution role can be granted pulls from that repository alone. An image from a public
 * registry needs no grant and is not one of these.
 *
 * @param account the repository's account
 * @param region the repository's region
 * @param repository the repository name, possibly with slashes ({@code team/seiswork-worker})
 * @param partition {@code aws}, or {@code aws-cn} for the {@code amazonaws.com.cn} registries
 */
public record EcrImage(String account, String region, String repository, String partition) {

    private static final Pattern ECR = Pattern.compile(
            "(\\d{12})\\.dkr\\.ecr(?:-fips)?\\.([a-z0-9-]+)\\.amazonaws\\.com(\\.cn)?/([a-z0-9._/-]+?)(?::[\\w.-]+)?(?:@sha256:[0-9a-f]{64})?");

    /** The ECR repository {@code image} comes from, or empty for any other registry. */
    public static Optional<EcrImage> parse(String image) {
        Matcher m = ECR.matcher(image);
        if (!m.matches()) {
            return Optional.empty();
        }
        return Optional.of(new EcrImage(m.group(1), m.group(2), m.group(4), m.group(3) == null ? "aws" : "aws-cn"));
    }

    /** The repository's ARN, the resource of the pull grant. */
    public String repositoryArn() {
        return "arn:" + partition + ":ecr:" + region + ":" + account + ":repository/" + repository;
    }
}
