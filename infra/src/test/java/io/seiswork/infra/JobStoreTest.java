package io.seiswork.infra;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.assertions.Match;
import software.amazon.awscdk.assertions.Template;

/** The job bucket and the job table. */
class JobStoreTest {

    private static final Template TEMPLATE = Synth.defaults();

    @Test
    void bucketIsEncryptedPrivateAndKept() {
        TEMPLATE.hasResource("AWS::S3::Bucket", Map.of(
                "DeletionPolicy", "Retain",
                "UpdateReplacePolicy", "Retain",
                "Properties", Match.objectLike(Map.of(
                        "BucketEncryption", Map.of("ServerSideEncryptionConfiguration", List.of(
                                Map.of("ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))),
                        "PublicAccessBlockConfiguration", Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                                "IgnorePublicAcls", true, "RestrictPublicBuckets", true)))));
        assertFalse(Synth.only(TEMPLATE, "AWS::S3::Bucket").containsKey("VersioningConfiguration"));
    }

    @Test
    @SuppressWarnings("unchecked")
    void bucketPolicyDeniesEveryRequestWithoutTls() {
        String bucket = Synth.onlyId(TEMPLATE, "AWS::S3::Bucket");
        Map<String, Object> policy = Synth.only(TEMPLATE, "AWS::S3::BucketPolicy");
        assertEquals("${" + bucket + "}", Synth.render(policy.get("Bucket")));
        List<Map<String, Object>> statements = (List<Map<String, Object>>) ((Map<String, Object>) policy.get("PolicyDocument")).get("Statement");
        Map<String, Object> deny = statements.stream()
                .filter(s -> Map.of("Bool", Map.of("aws:SecureTransport", "false")).equals(s.get("Condition")))
                .findFirst().orElseThrow(() -> new AssertionError("no aws:SecureTransport condition in " + statements));
        assertEquals("Deny", deny.get("Effect"));
        assertEquals("s3:*", deny.get("Action"));
        assertEquals(Map.of("AWS", "*"), deny.get("Principal"));
        assertEquals(List.of("${" + bucket + ".Arn}", "${" + bucket + ".Arn}/*"),
                Synth.list(deny.get("Resource")).stream().map(Synth::render).toList());
    }

    @Test
    void lifecycleAbortsStaleUploadsAndExpiresTaggedShotResults() {
        TEMPLATE.hasResourceProperties("AWS::S3::Bucket", Map.of("LifecycleConfiguration", Map.of("Rules", List.of(
                Map.of("Id", "abort-incomplete-multipart-uploads", "Status", "Enabled",
                        "AbortIncompleteMultipartUpload", Map.of("DaysAfterInitiation", 7)),
                Map.of("Id", "expire-abandoned-shot-results", "Status", "Enabled", "ExpirationInDays", 365,
                        "TagFilters", List.of(Map.of("Key", "seiswork-expiry", "Value", "shot-result")))))));
    }

    @Test
    void tableHasTheProtocolsKeysOnDemandWithRecovery() {
        TEMPLATE.hasResource("AWS::DynamoDB::Table", Map.of(
                "DeletionPolicy", "Retain",
                "Properties", Map.of(
                        "TableName", "seiswork-jobs",
                        "KeySchema", List.of(Map.of("AttributeName", "pk", "KeyType", "HASH"),
                                Map.of("AttributeName", "sk", "KeyType", "RANGE")),
                        "AttributeDefinitions", List.of(Map.of("AttributeName", "pk", "AttributeType", "S"),
                                Map.of("AttributeName", "sk", "AttributeType", "S"),
                                Map.of("AttributeName", "jobs", "AttributeType", "S"),
                                Map.of("AttributeName", "created", "AttributeType", "S")),
                        "GlobalSecondaryIndexes", List.of(Map.of("IndexName", "jobs-by-created",
                                "KeySchema", List.of(Map.of("AttributeName", "jobs", "KeyType", "HASH"),
                                        Map.of("AttributeName", "created", "KeyType", "RANGE")),
                                "Projection", Map.of("ProjectionType", "ALL")),
                                // The stale-shot re-send's thin index: only what it reads of a job.
                                Map.of("IndexName", "jobs-status-by-created",
                                "KeySchema", List.of(Map.of("AttributeName", "jobs", "KeyType", "HASH"),
                                        Map.of("AttributeName", "created", "KeyType", "RANGE")),
                                "Projection", Map.of("ProjectionType", "INCLUDE",
                                        "NonKeyAttributes", List.of("status", "resumes", "resendClaimUntil")))),
                        "BillingMode", "PAY_PER_REQUEST",
                        "PointInTimeRecoverySpecification", Map.of("PointInTimeRecoveryEnabled", true),
                        "SSESpecification", Map.of("SSEEnabled", true),
                        "DeletionProtectionEnabled", true,
                        "Tags", Match.anyValue())));
    }

    @Test
    void outputsNameTheBucketForSeisworkBucket() {
        String bucket = Synth.onlyId(TEMPLATE, "AWS::S3::Bucket");
        TEMPLATE.hasOutput(SeisworkStack.BUCKET_OUTPUT, Map.of("Value", Map.of("Ref", bucket)));
        TEMPLATE.hasOutput("TableName", Match.objectLike(Map.of("Value", Match.anyValue())));
    }
}
