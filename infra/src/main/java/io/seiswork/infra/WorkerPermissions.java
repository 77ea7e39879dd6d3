package io.seiswork.infra;

import java.util.List;
import java.util.Map;
import software.amazon.awscdk.ArnComponents;
import software.amazon.awscdk.ArnFormat;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.ecs.ICluster;
import software.amazon.awscdk.services.iam.IRole;
import software.amazon.awscdk.services.iam.PolicyStatement;

/**
 * What a worker's task role may do, and nothing more: exactly the calls {@code ShotWorker},
 * {@code JobStacker} and {@code JobWorkspace} make, on the keys the protocol gives them.
 *
 * <ul>
 *   <li>read inputs and anything of a job ({@code inputs/*}, {@code jobs/*}: the spec, and every
 *       shot's result when stacking);</li>
 *   <li>write shot results and outputs only ({@code jobs/*}{@code /shots/*},
 *       {@code jobs/*}{@code /image/*}), with {@code s3:AbortMultipartUpload} because a failed
 *       multipart upload is aborted so no orphaned parts are billed, and
 *       {@code s3:DeleteObject} on shot results, which the stacking worker removes once the job's
 *       outputs are stored, and on outputs, which it removes when the job is cancelled, fails or
 *       is deleted while it stacks ({@code JobStacker}); {@code s3:PutObjectTagging} on shot
 *       results, which are tagged {@value JobStore#EXPIRY_TAG} once written (a request of its own, after the
 *       PutObject or multipart upload that stores the bytes) so that the bucket expires
 *       those of jobs never stacked; a worker can never overwrite or delete a spec or an input;</li>
 *   <li>{@code s3:ListBucket} for keys under {@code inputs/} and {@code jobs/} only (an
 *       {@code s3:prefix} condition): without it S3 answers a HEAD of a missing key with 403, and
 *       the worker could not say "does not exist";</li>
 *   <li>read and update job and shot items (conditional updates count each shot once); it never
 *       creates a job;</li>
 *   <li>receive, extend, delete shot messages, and send one again: an interrupted shot is handed
 *       back as a fresh message (SIGTERM), so that interruptions use none of its attempts;</li>
 *   <li>receive, hide and delete the dead-letter queue's messages, which its sweep settles
 *       against the job table ({@code DeadLetterSweep}: a shot whose workers all died is counted
 *       failed; one still to run is sent again to the shot queue);</li>
 *   <li>protect tasks of the cluster from scale-in ({@code ecs:UpdateTaskProtection}, through
 *       the ECS agent) while it holds a shot, so scale-in only stops idle workers.</li>
 * </ul>
 */
public final class WorkerPermissions {

    private WorkerPermissions() {
    }

    public static void grant(IRole taskRole, JobStore store, ShotQueues queues, ICluster cluster) {
        taskRole.addToPrincipalPolicy(PolicyStatement.Builder.create().sid("ReadInputsAndJobs")
                .actions(List.of("s3:GetObject"))
                .resources(List.of(store.objects(Protocol.INPUTS), store.objects(Protocol.JOB_OBJECTS)))
                .build());
        taskRole.addToPrincipalPolicy(PolicyStatement.Builder.create().sid("WriteShotResultsAndOutputs")
                .actions(List.of("s3:PutObject", "s3:AbortMultipartUpload"))
                .resources(List.of(store.objects(Protocol.SHOT_RESULTS), store.objects(Protocol.OUTPUTS)))
                .build());
        // Shot results are tagged once written (PutObjectTagging), for the bucket's expiry of abandoned ones (JobStore).
        taskRole.addToPrincipalPolicy(PolicyStatement.Builder.create().sid("TagShotResults")
                .actions(List.of("s3:PutObjectTagging"))
                .resources(List.of(store.objects(Protocol.SHOT_RESULTS)))
                .build());
        // Stacked shot results; and outputs that JobStacker removes when the job is cancelled,
        // fails or is deleted while it stacks, so that none outlive their job item.
        taskRole.addToPrincipalPolicy(PolicyStatement.Builder.create().sid("RemoveStackedShotResultsAndAbandonedOutputs")
                .actions(List.of("s3:DeleteObject"))
                .resources(List.of(store.objects(Protocol.SHOT_RESULTS), store.objects(Protocol.OUTPUTS)))
                .build());
        // Listing, only to have S3 answer a HEAD of a missing key 404 rather than 403: keys of
        // inputs and jobs, the prefixes the worker reads.
        taskRole.addToPrincipalPolicy(PolicyStatement.Builder.create().sid("TellMissingFromForbidden")
                .actions(List.of("s3:ListBucket"))
                .resources(List.of(store.bucket().getBucketArn()))
                .conditions(Map.of("StringLike", Map.of("s3:prefix",
                        List.of(Protocol.INPUTS, Protocol.JOB_OBJECTS))))
                .build());
        taskRole.addToPrincipalPolicy(PolicyStatement.Builder.create().sid("TrackJobsAndShots")
                .actions(List.of("dynamodb:GetItem", "dynamodb:Query", "dynamodb:UpdateItem"))
                .resources(List.of(store.table().getTableArn()))
                .build());
        // The sweep finds jobs submitted over 12 days ago that still run (StaleShotResend), by the
        // thin index of jobs, and by it alone: no index/* that a future index would join.
        taskRole.addToPrincipalPolicy(PolicyStatement.Builder.create().sid("FindLongRunningJobs")
                .actions(List.of("dynamodb:Query"))
                .resources(List.of(store.index(Protocol.RESEND_INDEX)))
                .build());
        // The worker protects its own task from scale-in while it holds a shot (TaskProtection).
        String tasks = Stack.of(cluster).formatArn(ArnComponents.builder().service("ecs").resource("task")
                .resourceName(Protocol.CLUSTER + "/*").arnFormat(ArnFormat.SLASH_RESOURCE_NAME).build());
        taskRole.addToPrincipalPolicy(PolicyStatement.Builder.create().sid("ProtectOwnTaskWhileBusy")
                .actions(List.of("ecs:UpdateTaskProtection", "ecs:GetTaskProtection"))
                .resources(List.of(tasks))
                .build());
        taskRole.addToPrincipalPolicy(PolicyStatement.Builder.create().sid("TakeShots")
                .actions(List.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility",
                        "sqs:SendMessage", "sqs:GetQueueUrl", "sqs:GetQueueAttributes"))
                .resources(List.of(queues.queue().getQueueArn()))
                .build());
        taskRole.addToPrincipalPolicy(PolicyStatement.Builder.create().sid("SweepDeadLetters")
                .actions(List.of("sqs:ReceiveMessage", "sqs:DeleteMessage", "sqs:ChangeMessageVisibility",
                        "sqs:GetQueueUrl"))
                .resources(List.of(queues.deadLetters().getQueueArn()))
                .build());
    }
}
