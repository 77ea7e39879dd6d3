package io.seiswork.infra;

import software.amazon.awscdk.CfnOutput;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.Tags;
import software.constructs.Construct;

/**
 * Seiswork's cloud stack: everything {@code seiswork submit --cloud aws} and
 * {@code seiswork worker --cloud aws} expect ({@link Protocol}), in one CloudFormation stack.
 *
 * <ul>
 *   <li>{@link JobStore}: the job bucket and the job table {@value Protocol#TABLE};</li>
 *   <li>{@link ShotQueues}: {@value Protocol#QUEUE} and {@value Protocol#DEAD_LETTER_QUEUE};</li>
 *   <li>{@link WorkerFleet}: GPU workers on ECS, scaled on the backlog per task;</li>
 *   <li>{@link SubmitterPolicy}: the managed policy {@value SubmitterPolicy#NAME} for users;</li>
 *   <li>{@link Monitoring}: alarms and the dashboard {@value Monitoring#DASHBOARD}.</li>
 * </ul>
 *
 * <p>Its outputs are what a user needs: {@value #BUCKET_OUTPUT} is their {@code SEISWORK_BUCKET}
 * (table and queue have the names the command line defaults to), {@value #SUBMITTER_OUTPUT} the
 * policy to attach to them. The stack is environment-agnostic (account and region come from the
 * deploying credentials), so it synthesizes offline.
 */
public final class SeisworkStack extends Stack {

    public static final String BUCKET_OUTPUT = "BucketName";
    public static final String SUBMITTER_OUTPUT = "SubmitterPolicyArn";

    private final JobStore store;
    private final ShotQueues queues;
    private final WorkerFleet fleet;
    private final SubmitterPolicy submitter;
    private final Monitoring monitoring;

    public SeisworkStack(Construct scope, String id, StackProps props, StackSettings settings) {
        super(scope, id, props);
        store = new JobStore(this, "JobStore");
        queues = new ShotQueues(this, "ShotQueues");
        FleetMetrics metrics = new FleetMetrics(queues);
        fleet = new WorkerFleet(this, "WorkerFleet", settings, store, queues, metrics);
        submitter = new SubmitterPolicy(this, "Submitter", store, queues);
        monitoring = new Monitoring(this, "Monitoring", metrics, settings.alarmEmail(), settings.maxShotMinutes());
        Tags.of(this).add("project", "seiswork");

        output(BUCKET_OUTPUT, store.bucket().getBucketName(), "The job bucket: export it as SEISWORK_BUCKET");
        output("TableName", store.table().getTableName(), "The job table (SEISWORK_TABLE, the default)");
        output("QueueName", queues.queue().getQueueName(), "The shot queue (SEISWORK_QUEUE, the default)");
        output("DeadLetterQueueName", queues.deadLetters().getQueueName(), "Shots that failed " + Protocol.MAX_RECEIVES + " times");
        output(SUBMITTER_OUTPUT, submitter.policy().getManagedPolicyArn(), "Attach to the users who submit jobs");
        output("ClusterName", fleet.cluster().getClusterName(), "The ECS cluster of the GPU workers");
        output("DashboardName", monitoring.dashboard().getDashboardName(), "The CloudWatch dashboard");
        if (monitoring.topic() != null) {
            output("AlarmTopicArn", monitoring.topic().getTopicArn(), "Where the alarms go");
        }
    }

    private void output(String id, String value, String description) {
        CfnOutput.Builder.create(this, id).value(value).description(description).build();
    }

    public JobStore store() {
        return store;
    }

    public ShotQueues queues() {
        return queues;
    }

    public WorkerFleet fleet() {
        return fleet;
    }

    public SubmitterPolicy submitter() {
        return submitter;
    }

    public Monitoring monitoring() {
        return monitoring;
    }
}
