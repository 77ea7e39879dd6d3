package io.seiswork.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.BillingMode;
import software.amazon.awscdk.services.dynamodb.GlobalSecondaryIndexProps;
import software.amazon.awscdk.services.dynamodb.ProjectionType;
import software.amazon.awscdk.services.dynamodb.PointInTimeRecoverySpecification;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.dynamodb.TableEncryption;
import software.amazon.awscdk.services.s3.BlockPublicAccess;
import software.amazon.awscdk.services.s3.Bucket;
import software.amazon.awscdk.services.s3.BucketEncryption;
import software.amazon.awscdk.services.s3.LifecycleRule;
import software.amazon.awscdk.services.s3.ObjectOwnership;
import software.constructs.Construct;

/**
 * Where jobs live: the bucket that holds inputs, specs, shot results and images, and the table
 * that holds each job's and each shot's state.
 *
 * <p>Both are kept when the stack is deleted ({@link RemovalPolicy#RETAIN}): they hold users' data
 * and results that took GPU hours to compute, so removing them must be a deliberate act outside
 * CloudFormation. The bucket's name is generated (bucket names are global) and given to users as
 * the stack output {@code BucketName}, their {@code SEISWORK_BUCKET}; the table has the fixed name
 * the code defaults to. Shot results expire {@value #SHOT_RESULT_EXPIRY_DAYS} days after they were
 * written, by their tag {@value #EXPIRY_TAG} (lifecycle prefixes cannot hold the job id's wildcard,
 * tags can): the worker that stacks a job deletes them once its outputs are stored, so the rule only
 * removes those of jobs that failed, were cancelled or were left. Nothing else expires: inputs are
 * shared by content between jobs and outputs are what users came for; {@code seiswork delete}
 * removes them. The table cannot be deleted by accident either (deletion protection).
 *
 * <p>Every request to the job bucket is logged (S3 server access logs) to a bucket of its own,
 * {@link #accessLogs()}, under {@value #ACCESS_LOG_PREFIX}: who read, wrote or deleted which
 * key, the record an investigation needs of a bucket that holds users' surveys and that
 * submitters may delete jobs from. The log bucket is as closed as the job bucket (SSE-S3, which
 * log delivery requires; all public access blocked; TLS only), S3's log delivery may write to it
 * only for this job bucket (a bucket policy for {@code logging.s3.amazonaws.com} with
 * {@code aws:SourceArn} and {@code aws:SourceAccount}), its logs expire after
 * {@value #ACCESS_LOG_DAYS} days, and it is kept when the stack is deleted, as audit records are.
 */
public final class JobStore extends Construct {

    /**
     * The tag (key=value) the worker writes every shot result with ({@code ShotWorker}); the
     * bucket expires objects with it {@value #SHOT_RESULT_EXPIRY_DAYS} days after they were written.
     */
    public static final String EXPIRY_TAG = "seiswork-expiry=shot-result";
    /**
     * Days after which a tagged shot result is removed: a stacked job's results are deleted at
     * once by its stacker, so only those of failed, cancelled or abandoned jobs live this long
     * (up to 100 GB each); a resume recomputes any result that is gone. The rule counts from the
     * result's writing, not from its job's end, so it must outlast any job that still runs: a
     * 20 000-shot survey of one-hour shots on the default 16 workers runs about 52 days, and 30
     * days would have removed its first results before the stack. A year outlasts any run this
     * fleet is sized for, and still bounds what an abandoned job costs.
     */
    public static final int SHOT_RESULT_EXPIRY_DAYS = 365;

    /** Incomplete multipart uploads (a submit or a worker killed mid-upload) are removed after this many days. */
    public static final int ABORT_MULTIPART_DAYS = 7;

    /** Days the job bucket's access logs are kept: a year, as long as an abandoned job's shot results. */
    public static final int ACCESS_LOG_DAYS = 365;
    /** The key prefix of the job bucket's access logs in {@link #accessLogs()}. */
    public static final String ACCESS_LOG_PREFIX = "job-bucket/";
    /**
     * CDK's feature flag that grants S3's log delivery by a bucket policy instead of the
     * {@code LogDeliveryWrite} ACL, which a bucket with ACLs disabled (bucket owner enforced)
     * cannot take. Set on this construct, before its buckets are made, so that the stack does not
     * depend on {@code cdk.json}'s context (the tests synthesize without it).
     */
    static final String LOGS_BY_BUCKET_POLICY = "@aws-cdk/aws-s3:serverAccessLogsUseBucketPolicy";

    private final Bucket accessLogs;
    private final Bucket bucket;
    private final Table table;

    public JobStore(Construct scope, String id) {
        super(scope, id);
        getNode().setContext(LOGS_BY_BUCKET_POLICY, true);
        accessLogs = closedBucket("AccessLogs")
                .lifecycleRules(List.of(LifecycleRule.builder().id("expire-access-logs")
                        .expiration(Duration.days(ACCESS_LOG_DAYS)).build()))
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        // Overwriting a shot result is how a redelivered shot stays idempotent; versions would only cost.
        bucket = closedBucket("Bucket")
                .lifecycleRules(List.of(
                        LifecycleRule.builder().id("abort-incomplete-multipart-uploads")
                                .abortIncompleteMultipartUploadAfter(Duration.days(ABORT_MULTIPART_DAYS)).build(),
                        LifecycleRule.builder().id("expire-abandoned-shot-results")
                                .tagFilters(Map.of(EXPIRY_TAG.substring(0, EXPIRY_TAG.indexOf('=')),
                                        EXPIRY_TAG.substring(EXPIRY_TAG.indexOf('=') + 1)))
                                .expiration(Duration.days(SHOT_RESULT_EXPIRY_DAYS)).build()))
                .serverAccessLogsBucket(accessLogs)
                .serverAccessLogsPrefix(ACCESS_LOG_PREFIX)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        table = Table.Builder.create(this, "Table")
                .tableName(Protocol.TABLE)
                .partitionKey(Attribute.builder().name("pk").type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name("sk").type(AttributeType.STRING).build())
                // Load comes in bursts (a submit writes thousands of shot items, then workers trickle):
                // on-demand costs nothing while idle and never throttles a submit.
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .pointInTimeRecoverySpecification(PointInTimeRecoverySpecification.builder()
                        .pointInTimeRecoveryEnabled(true).build())
                .encryption(TableEncryption.AWS_MANAGED)
                .deletionProtection(true)
                .removalPolicy(RemovalPolicy.RETAIN)
                .build();
        // `seiswork jobs`: job items (only they carry the key) by submission time, newest first.
        table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder().indexName(Protocol.JOBS_INDEX)
                .partitionKey(Attribute.builder().name(Protocol.JOBS_INDEX_KEY).type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name("created").type(AttributeType.STRING).build())
                .projectionType(ProjectionType.ALL).build());
        // The workers' hourly stale-shot re-send: the same keys, only what it needs of each job
        // (status, run, claim), so that a look reads ~100 bytes a job and not whole job items.
        table.addGlobalSecondaryIndex(GlobalSecondaryIndexProps.builder().indexName(Protocol.RESEND_INDEX)
                .partitionKey(Attribute.builder().name(Protocol.JOBS_INDEX_KEY).type(AttributeType.STRING).build())
                .sortKey(Attribute.builder().name("created").type(AttributeType.STRING).build())
                .projectionType(ProjectionType.INCLUDE).nonKeyAttributes(Protocol.RESEND_INDEX_ATTRIBUTES).build());
    }

    /** The ARN of the table's index {@code name} (a {@link Protocol} index), for a policy that queries it. */
    public String index(String name) {
        return table.getTableArn() + "/index/" + name;
    }

    public Bucket bucket() {
        return bucket;
    }

    /**
     * A bucket as closed as S3 makes one, the settings both buckets share: S3-managed keys (readers
     * need no KMS grant, every object encrypted at rest; log delivery writes only to such a
     * bucket), all public access blocked, ACLs off, a bucket policy that denies every request not
     * made over TLS 1.2 or newer, no versions.
     */
    private Bucket.Builder closedBucket(String id) {
        return Bucket.Builder.create(this, id)
                .encryption(BucketEncryption.S3_MANAGED)
                .blockPublicAccess(BlockPublicAccess.BLOCK_ALL)
                .objectOwnership(ObjectOwnership.BUCKET_OWNER_ENFORCED)
                .enforceSsl(true)
                .minimumTlsVersion(1.2)
                .versioned(false);
    }

    /** The bucket that holds the job bucket's server access logs, under {@value #ACCESS_LOG_PREFIX}. */
    public Bucket accessLogs() {
        return accessLogs;
    }

    public Table table() {
        return table;
    }

    /** The ARN of the bucket's objects whose keys match {@code pattern} (a {@link Protocol} key pattern). */
    public String objects(String pattern) {
        return bucket.arnForObjects(pattern);
    }
}
