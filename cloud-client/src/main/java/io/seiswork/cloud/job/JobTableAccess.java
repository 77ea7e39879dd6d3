package io.seiswork.cloud.job;

import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.ConditionalCheckFailedException;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemRequest;

/**
 * What the job table's classes ({@link JobTable}, {@link StackingRecords}, {@link ShotResends})
 * share: the client and the table they write the same items of, and the conditional update that
 * is every step of the protocol.
 */
abstract sealed class JobTableAccess permits JobTable, StackingRecords, ShotResends {

    final DynamoDbClient db;
    final String table;

    JobTableAccess(DynamoDbClient db, String table) {
        this.db = db;
        this.table = table;
    }

    /** Runs the conditional update {@code request}: whether its condition held and it was made. */
    final boolean updatedIf(Consumer<UpdateItemRequest.Builder> request) {
        try {
            db.updateItem(request);
            return true;
        } catch (ConditionalCheckFailedException e) {
            return false;
        }
    }
}
