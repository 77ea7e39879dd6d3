package io.seiswork.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.services.iam.ManagedPolicy;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.constructs.Construct;

/**
 * The managed policy {@value #NAME} for the people (or CI jobs) who use {@code seiswork submit},
 * {@code status}, {@code fetch}, {@code cancel}, {@code resume} and {@code delete}, from the command line or the desktop: attach it
 * to their IAM users, groups or SSO permission sets. Exactly the dispatcher's calls:
 *
 * <ul>
 *   <li>store inputs ({@code inputs/*}, with {@code s3:AbortMultipartUpload} for a failed large
 *       upload) and new specs ({@code jobs/*}{@code /spec.json}, only by a put with
 *       {@code If-None-Match: *}, so a running job's spec cannot be replaced), read inputs (the HEAD that
 *       skips an input stored already) and outputs ({@code jobs/*}{@code /image/*});</li>
 *   <li>read a job's spec and its shot results ({@code jobs/*}{@code /spec.json},
 *       {@code jobs/*}{@code /shots/*}): the desktop stacks the image so far of a migration from
 *       the results its workers store, for a job it submitted or one it follows;</li>
 *   <li>{@code s3:ListBucket} on the bucket: without it S3 answers a HEAD of a missing key with
 *       403 instead of 404, and the dispatcher could not tell "not stored yet" from "forbidden";
 *       {@code resume} lists a job's stored shot results to keep them; it lets a submitter see
 *       key names, no contents; with {@code s3:ListBucketMultipartUploads} on the bucket and
 *       {@code s3:ListMultipartUploadParts} on {@code inputs/*}, a submit whose input upload broke
 *       finds that upload and sends only the parts S3 does not hold (each kept part checked
 *       against the file's MD5);</li>
 *   <li>create a job and its shot items, read them, update them (cancel, resume), delete them;</li>
 *   <li>delete a job's objects ({@code jobs/*}: spec, shot results, outputs) with
 *       {@code seiswork delete}: the code deletes only ended jobs; a submitter is trusted with
 *       the team's jobs as with its outputs, and inputs ({@code inputs/*}) cannot be deleted;</li>
 *   <li>send shot messages and read the queue's backlog.</li>
 * </ul>
 * A submitter cannot write shot results or outputs, nor delete inputs, nor receive or delete messages.
 */
public final class SubmitterPolicy extends Construct {

    public static final String NAME = "SeisworkSubmitter";

    private final ManagedPolicy policy;

    public SubmitterPolicy(Construct scope, String id, JobStore store, ShotQueues queues) {
        super(scope, id);
        policy = ManagedPolicy.Builder.create(this, "Policy")
                .managedPolicyName(NAME)
                .description("Seiswork: submit jobs, follow them, fetch their outputs, cancel, resume and delete them")
                .statements(List.of(
                        PolicyStatement.Builder.create().sid("StoreInputs")
                                .actions(List.of("s3:PutObject", "s3:AbortMultipartUpload"))
                                .resources(List.of(store.objects(Protocol.INPUTS)))
                                .build(),
                        // A spec is written once, by a conditional put (If-None-Match: *): no
                        // submitter can replace the spec of a job that runs.
                        PolicyStatement.Builder.create().sid("StoreNewSpecs")
                                .actions(List.of("s3:PutObject"))
                                .resources(List.of(store.objects(Protocol.SPECS)))
                                .conditions(Map.of("StringEquals", Map.of("s3:if-none-match", "*")))
                                .build(),
                        PolicyStatement.Builder.create().sid("ReadInputsAndOutputs")
                                .actions(List.of("s3:GetObject"))
                                .resources(List.of(store.objects(Protocol.INPUTS), store.objects(Protocol.OUTPUTS)))
                                .build(),
                        PolicyStatement.Builder.create().sid("WatchImagesSoFar")
                                .actions(List.of("s3:GetObject"))
                                .resources(List.of(store.objects(Protocol.SPECS), store.objects(Protocol.SHOT_RESULTS)))
                                .build(),
                        PolicyStatement.Builder.create().sid("DeleteEndedJobs")
                                .actions(List.of("s3:DeleteObject"))
                                .resources(List.of(store.objects(Protocol.JOB_OBJECTS)))
                                .build(),
                        PolicyStatement.Builder.create().sid("TellMissingFromForbidden")
                                .actions(List.of("s3:ListBucket", "s3:ListBucketMultipartUploads"))
                                .resources(List.of(store.bucket().getBucketArn()))
                                .build(),
                        PolicyStatement.Builder.create().sid("ResumeInputUploads")
                                .actions(List.of("s3:ListMultipartUploadParts"))
                                .resources(List.of(store.objects(Protocol.INPUTS)))
                                .build(),
                        PolicyStatement.Builder.create().sid("CreateAndFollowJobs")
                                .actions(List.of("dynamodb:PutItem", "dynamodb:BatchWriteItem", "dynamodb:GetItem",
                                        "dynamodb:Query", "dynamodb:UpdateItem", "dynamodb:DeleteItem"))
                                .resources(List.of(store.table().getTableArn()))
                                .build(),
                        PolicyStatement.Builder.create().sid("ListRecentJobs")
                                .actions(List.of("dynamodb:Query"))
                                .resources(List.of(store.index(Protocol.JOBS_INDEX)))
                                .build(),
                        PolicyStatement.Builder.create().sid("QueueShots")
                                .actions(List.of("sqs:SendMessage", "sqs:GetQueueUrl", "sqs:GetQueueAttributes"))
                                .resources(List.of(queues.queue().getQueueArn()))
                                .build()))
                .build();
    }

    public ManagedPolicy policy() {
        return policy;
    }
}
