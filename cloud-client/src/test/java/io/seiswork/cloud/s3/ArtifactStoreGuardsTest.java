package io.seiswork.cloud.s3;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.seiswork.cloud.job.ObjectKeys;
import io.seiswork.cloud.testing.LocalCloud;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.core.interceptor.Context;
import software.amazon.awssdk.core.interceptor.ExecutionAttributes;
import software.amazon.awssdk.core.interceptor.ExecutionInterceptor;

/**
 * What the store does for the bucket's guards, against the S3 emulator: a spec written only once
 * (If-None-Match), shot results tagged for their expiry, and a 403 said in one line.
 */
class ArtifactStoreGuardsTest {

    @RegisterExtension
    static final LocalCloud CLOUD = LocalCloud.of(LocalCloud.Service.S3);

    @TempDir
    Path dir;

    @Test
    void aSpecIsWrittenOnceAndASecondPutIsRefusedInOneLine() {
        ArtifactStore store = ArtifactStore.createIfMissing(CLOUD.s3(), "guards-test");
        String key = "jobs/once-1/spec.json";
        store.putNew(key, "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
        IllegalStateException e = assertThrows(IllegalStateException.class,
                () -> store.putNew(key, "{\"a\":2}".getBytes(StandardCharsets.UTF_8)));
        assertEquals("s3://guards-test/" + key + " exists already: it is not replaced", e.getMessage());
        assertArrayEquals("{\"a\":1}".getBytes(StandardCharsets.UTF_8), store.getBytes(key, 100));
        // The same bytes again, as the SDK's retry of a PUT that stored but whose answer was lost: stored.
        store.putNew(key, "{\"a\":1}".getBytes(StandardCharsets.UTF_8));
    }

    /**
     * The tag goes with the put of a whole file and with the start of a multipart upload. S3Proxy
     * (the emulator) answers x-amz-tagging 501 Not Implemented, so the tag itself cannot be read
     * back here: the requests are checked on the wire, and the fallback that stores the result
     * untagged on such an endpoint is checked against it (AWS S3 implements tags).
     */
    @Test
    void shotResultsGoUpWithTheExpiryTagWholeAndInPartsAndUntaggedWhereTagsAreNotImplemented() throws Exception {
        ArtifactStore.createIfMissing(CLOUD.s3(), "guards-test");
        List<String> tagged = new CopyOnWriteArrayList<>();
        ExecutionInterceptor seen = new ExecutionInterceptor() {
            @Override
            public void beforeTransmission(Context.BeforeTransmission context, ExecutionAttributes attributes) {
                var request = context.httpRequest();
                request.firstMatchingHeader("x-amz-tagging")
                        .ifPresent(t -> tagged.add(request.method() + " " + request.encodedPath() + " "
                                + request.rawQueryParameters().keySet() + " " + t));
            }
        };
        Path small = Files.write(dir.resolve("small.bin"), new byte[1000]);
        Path large = Files.write(dir.resolve("large.bin"), new byte[(11 << 20) + 3]);
        for (Path file : List.of(small, large)) {
            try (S3Client s3 = CLOUD.s3SeenBy(seen)) {
                ArtifactStore store = new ArtifactStore(s3, "guards-test", 5 << 20, 2);
                String key = "jobs/tagged-1/shots/" + file.getFileName();
                assertFalse(store.putFile(key, file, TransferProgress.NONE, ObjectKeys.SHOT_RESULT_TAGGING), key);
                assertEquals(Files.size(file), store.sizeOf(key));
                // Once refused, the store no longer asks.
                assertFalse(store.putFile(key, file, TransferProgress.NONE, ObjectKeys.SHOT_RESULT_TAGGING), key);
            }
        }
        assertEquals(List.of("PUT /guards-test/jobs/tagged-1/shots/small.bin [] seiswork-expiry=shot-result",
                "POST /guards-test/jobs/tagged-1/shots/large.bin [uploads] seiswork-expiry=shot-result"), tagged);
        ArtifactStore store = new ArtifactStore(CLOUD.s3(), "guards-test");
        assertThrows(IllegalArgumentException.class, () -> store.putFile("jobs/tagged-1/shots/x", small,
                TransferProgress.NONE, "a b=c"));
    }

    @Test
    void aForbiddenLookupIsOneLineNamingTheObject() {
        ArtifactStore.createIfMissing(CLOUD.s3(), "guards-test");
        try (S3Client stranger = S3Client.builder().endpointOverride(CLOUD.s3Endpoint()).region(LocalCloud.REGION)
                .forcePathStyle(true)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("stranger", "wrong")))
                .build()) {
            ArtifactStore store = new ArtifactStore(stranger, "guards-test");
            ObjectForbiddenException e = assertThrows(ObjectForbiddenException.class,
                    () -> store.version("inputs/sha256/" + "0".repeat(64)));
            assertTrue(e.getMessage().startsWith("s3://guards-test/inputs/sha256/" + "0".repeat(64)
                    + ": access denied (403): it is missing or this identity may not read it"), e.getMessage());
            assertTrue(!e.getMessage().contains("\n"), e.getMessage());
        }
    }
}
