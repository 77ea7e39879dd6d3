package io.seiswork.infra;

import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;

/**
 * The CDK app: {@code cdk synth} / {@code cdk deploy} in {@code infra/} run this through
 * {@code cdk.json} ({@code mvn -q -e compile exec:java}). It reads the deployment's choices from
 * CDK context ({@link StackSettings}) and synthesizes the one stack {@value #STACK_NAME}.
 *
 * <pre>
 *   cd infra
 *   npx aws-cdk@2 deploy -c workerImage=123456789012.dkr.ecr.eu-west-1.amazonaws.com/seiswork-worker:0.1.0 \
 *       [-c workerInstanceType=g6.xlarge] [-c maxWorkers=16] [-c spot=true] [-c alarmEmail=ops@example.com]
 * </pre>
 */
public final class InfraApp {

    public static final String STACK_NAME = "Seiswork";

    private InfraApp() {
    }

    public static void main(String[] args) {
        App app = new App();
        StackSettings settings;
        try {
            settings = StackSettings.fromContext(app.getNode()::tryGetContext);
        } catch (IllegalArgumentException e) {
            System.err.println("seiswork infra: " + e.getMessage());
            System.exit(2);
            return;
        }
        new SeisworkStack(app, STACK_NAME, StackProps.builder()
                .description("Seiswork: job bucket and table, shot queue, GPU worker fleet on ECS, alarms and dashboard")
                .build(), settings);
        app.synth();
    }
}
