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

    /** The {@code Properties} of the bucket with this logical id. */
    @SuppressWarnings("unchecked")
    private static Map<String, Object> bucket(String id) {
        return (Map<String, Object>) Synth.resources(TEMPLATE, "AWS::S3::Bucket").get(id).get("Properties");
    }

    @Test
    void bothBucketsAreEncryptedPrivateAndKept() {
        for (String id : List.of(Synth.jobBucketId(TEMPLATE), Synth.accessLogBucketId(TEMPLATE))) {
            Map<String, Object> resource = Synth.resources(TEMPLATE, "AWS::S3::Bucket").get(id);
            assertEquals("Retain", resource.get("DeletionPolicy"), id);
            assertEquals("Retain", resource.get("UpdateReplacePolicy"), id);
            Map<String, Object> props = bucket(id);
            assertEquals(Map.of("ServerSideEncryptionConfiguration", List.of(
                    Map.of("ServerSideEncryptionByDefault", Map.of("SSEAlgorithm", "AES256")))), props.get("BucketEncryption"), id);
            assertEquals(Map.of("BlockPublicAcls", true, "BlockPublicPolicy", true,
                    "IgnorePublicAcls", true, "RestrictPublicBuckets", true), props.get("PublicAccessBlockConfiguration"), id);
            assertEquals(Map.of("Rules", List.of(Map.of("ObjectOwnership", "BucketOwnerEnforced"))), props.get("OwnershipControls"), id);
            assertFalse(props.containsKey("VersioningConfiguration"), id);
            assertFalse(props.containsKey("AccessControl"), id + " has an ACL: " + props.get("AccessControl"));
        }
    }

    @Test
    @SuppressWarnings("unchecked")
    void bothBucketPoliciesDenyEveryRequestWithoutTls() {
        for (String bucket : List.of(Synth.jobBucketId(TEMPLATE), Synth.accessLogBucketId(TEMPLATE))) {
            Map<String, Object> policy = Synth.bucketPolicyOf(TEMPLATE, bucket);
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
    }

    @Test
    void lifecycleAbortsStaleUploadsAndExpiresTaggedShotResults() {
        assertEquals(Map.of("Rules", List.of(
                Map.of("Id", "abort-incomplete-multipart-uploads", "Status", "Enabled",
                        "AbortIncompleteMultipartUpload", Map.of("DaysAfterInitiation", 7)),
                Map.of("Id", "expire-abandoned-shot-results", "Status", "Enabled", "ExpirationInDays", 365,
                        "TagFilters", List.of(Map.of("Key", "seiswork-expiry", "Value", "shot-result"))))),
                bucket(Synth.jobBucketId(TEMPLATE)).get("LifecycleConfiguration"));
    }

    /**
     * Every request to the job bucket is logged to the access-log bucket, which S3's log delivery
     * may write to only under the job bucket's prefix and only for that bucket, and which keeps
     * logs a year.
     */
    @Test
    @SuppressWarnings("unchecked")
    void jobBucketRequestsAreLoggedToTheAccessLogBucketAlone() {
        String jobs = Synth.jobBucketId(TEMPLATE);
        String logs = Synth.accessLogBucketId(TEMPLATE);
        assertEquals(Map.of("DestinationBucketName", Map.of("Ref", logs), "LogFilePrefix", "job-bucket/"),
                bucket(jobs).get("LoggingConfiguration"));
        assertEquals(Map.of("Rules", List.of(Map.of("Id", "expire-access-logs", "Status", "Enabled", "ExpirationInDays", 365))),
                bucket(logs).get("LifecycleConfiguration"));
        assertFalse(bucket(logs).containsKey("LoggingConfiguration"), "the log bucket logs itself");
        List<Map<String, Object>> statements = (List<Map<String, Object>>) ((Map<String, Object>) Synth.bucketPolicyOf(TEMPLATE, logs)
                .get("PolicyDocument")).get("Statement");
        List<Map<String, Object>> allows = statements.stream().filter(s -> "Allow".equals(s.get("Effect"))).toList();
        assertEquals(1, allows.size(), "allows on the log bucket: " + allows);
        Map<String, Object> delivery = allows.get(0);
        assertEquals(Map.of("Service", "logging.s3.amazonaws.com"), delivery.get("Principal"));
        assertEquals("s3:PutObject", delivery.get("Action"));
        assertEquals(List.of("${" + logs + ".Arn}/job-bucket/*"), Synth.list(delivery.get("Resource")).stream().map(Synth::render).toList());
        Map<String, Object> condition = (Map<String, Object>) delivery.get("Condition");
        assertEquals("${" + jobs + ".Arn}", Synth.render(((Map<String, Object>) condition.get("ArnLike")).get("aws:SourceArn")));
        assertEquals("${AWS::AccountId}", Synth.render(((Map<String, Object>) condition.get("StringEquals")).get("aws:SourceAccount")));
        // Nothing else may read or write the logs: no role or user policy of the stack names the log bucket.
        for (String type : List.of("AWS::IAM::Policy", "AWS::IAM::ManagedPolicy")) {
            Synth.resources(TEMPLATE, type).forEach((id, policy) ->
                    assertFalse(policy.toString().contains(logs), id + " grants on the access logs"));
        }
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
        String bucket = Synth.jobBucketId(TEMPLATE);
        TEMPLATE.hasOutput(SeisworkStack.BUCKET_OUTPUT, Map.of("Value", Map.of("Ref", bucket)));
        TEMPLATE.hasOutput("TableName", Match.objectLike(Map.of("Value", Match.anyValue())));
    }
}
