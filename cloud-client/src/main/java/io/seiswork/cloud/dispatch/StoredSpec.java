package io.seiswork.cloud.dispatch;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.seiswork.cloud.job.JobId;
import io.seiswork.cloud.job.JobTable;
import io.seiswork.cloud.job.ObjectKeys;
import io.seiswork.cloud.job.SpecInputs;
import io.seiswork.cloud.s3.ArtifactStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A job's spec as the dispatcher stored it ({@code jobs/<id>/spec.json}), read back by those who
 * run or watch the job: the workers, and the desktop's image so far. The bucket is not trusted
 * further than the dispatcher wrote it, so every file field must be a stored input key
 * ({@code inputs/sha256/<hash>}): anything else ({@code /etc/passwd}, {@code ../x}) is refused
 * before any file is opened, and a stored spec can never make its reader open its own disk.
 *
 * <p>A job submitted with {@code --shots} runs only some of its spec's shots. The dispatcher then
 * adds the field {@value #SHOTS_FIELD} to the stored spec: the shots' numbers (FFID), in the order
 * the job runs them. The job's shot {@code n} in the table, the queue and the bucket
 * ({@code SHOT#n}, {@code jobs/<id>/shots/<n>.bin}) is the {@code n}-th of them, so the protocol
 * keeps numbering a job's shots 1 to {@code total} and counts, stacks, resumes and deletes them
 * as it does any job's; only the worker's mapping from {@code n} to a shot of the survey changes.
 * The field is not part of the job spec: {@link #text()} leaves it out for the spec reader, and a
 * worker that predates it refuses the job (an unknown field) rather than run the wrong shots.
 *
 *
 * <p>For a migration of recorded data the dispatcher also adds {@value #DATA_INDEX_FIELD}: the
 * input key of the data file's shot index (where each shot's traces lie in it), so that a worker
 * fetches only its shot's traces rather than the whole file. A job submitted before the index
 * existed has none, and its workers download the whole file.
 *
 * @param id the job
 * @param bytes the spec's bytes as stored
 * @param files its file fields, each an input key
 * @param shots the numbers of the shots the job runs, in its order; empty: every shot of the spec
 * @param dataIndex the input key of its data file's shot index, or null when it has none
 */
public record StoredSpec(JobId id, byte[] bytes, List<SpecInputs.FileField> files, List<Integer> shots,
        String dataIndex) {

    /** Largest spec read: the one cap of every spec reader ({@link io.seiswork.core.spec.JobSpecReader#MAX_SPEC_BYTES}). */
    public static final long MAX_BYTES = io.seiswork.core.spec.JobSpecReader.MAX_SPEC_BYTES;

    /** The stored spec's field listing the shots a job runs, when not all of them ({@code submit --shots}). */
    public static final String SHOTS_FIELD = "shots";

    /** The stored spec's field naming its data file's shot index, an input key. */
    public static final String DATA_INDEX_FIELD = "dataIndex";

    private static final ObjectMapper JSON = new ObjectMapper();

    public StoredSpec {
        files = List.copyOf(files);
        shots = List.copyOf(shots);
    }

    /**
     * Reads and checks job {@code id}'s stored spec.
     *
     * @throws IllegalArgumentException when it is missing, larger than {@link #MAX_BYTES}, not a
     *     JSON object, names a file that is not a stored input, or lists its shots wrongly
     */
    public static StoredSpec read(ArtifactStore store, JobId id) {
        byte[] bytes = store.getBytes(ObjectKeys.spec(id), MAX_BYTES);
        ObjectNode tree;
        try {
            if (!(JSON.readTree(bytes) instanceof ObjectNode o)) {
                throw new IllegalArgumentException("job " + id + ": its spec is not a JSON object");
            }
            tree = o;
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("job " + id + ": its spec is not JSON: " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        List<SpecInputs.FileField> files = SpecInputs.of(tree);
        for (SpecInputs.FileField f : files) {
            if (!ObjectKeys.isInput(f.value())) {
                throw new IllegalArgumentException("job " + id + ": " + f.path() + " must name a stored input "
                        + "(inputs/sha256/<hash>), got \"" + f.value().replaceAll("\\p{Cntrl}", "?") + "\"");
            }
        }
        return new StoredSpec(id, bytes, files, shotsOf(id, tree.get(SHOTS_FIELD)), dataIndexOf(id, tree));
    }

    /** The data index's key, checked to be an input key; null when the spec names none. */
    private static String dataIndexOf(JobId id, ObjectNode tree) {
        JsonNode field = tree.get(DATA_INDEX_FIELD);
        if (field == null) {
            return null;
        }
        if (!field.isTextual() || !ObjectKeys.isInput(field.asText())) {
            throw new IllegalArgumentException("job " + id + ": its spec's \"" + DATA_INDEX_FIELD + "\" must name a stored"
                    + " input (inputs/sha256/<hash>), got " + field.toString().replaceAll("\\p{Cntrl}", "?"));
        }
        if (!tree.path("data").isTextual() || !ObjectKeys.isInput(tree.path("data").asText())) {
            throw new IllegalArgumentException("job " + id + ": its spec has a \"" + DATA_INDEX_FIELD + "\" but no stored"
                    + " data file");
        }
        return field.asText();
    }

    /**
     * Marks {@code spec}, about to be stored, as a job whose data file has the shot index stored
     * under {@code key}.
     */
    static void indexData(ObjectNode spec, String key) {
        if (!ObjectKeys.isInput(key)) {
            throw new IllegalArgumentException("a data index must be a stored input, got " + key);
        }
        spec.put(DATA_INDEX_FIELD, key);
    }

    /**
     * Marks {@code spec}, about to be stored, as a job of only the shots {@code numbers}.
     *
     * @param numbers the shots' numbers (FFID) in the order the job runs them: 1 to
     *     {@value JobTable#MAX_SHOTS} of them, each at least 1 and listed once
     * @throws IllegalArgumentException when the list breaks one of those rules
     */
    static void selectShots(ObjectNode spec, List<Integer> numbers) {
        check(numbers, "the shots of a job");
        ArrayNode a = spec.putArray(SHOTS_FIELD);
        numbers.forEach(a::add);
    }

    /** The stored list of shots, checked; empty when the spec has none (every shot runs). */
    private static List<Integer> shotsOf(JobId id, JsonNode field) {
        if (field == null) {
            return List.of();
        }
        List<Integer> numbers = new ArrayList<>();
        if (field.isArray()) {
            for (JsonNode n : field) {
                if (!n.canConvertToInt() || !n.isIntegralNumber()) {
                    numbers = null;
                    break;
                }
                numbers.add(n.intValue());
            }
        }
        if (numbers == null || !field.isArray()) {
            throw new IllegalArgumentException("job " + id + ": its spec's \"" + SHOTS_FIELD + "\" must be a list of "
                    + "shot numbers");
        }
        check(numbers, "job " + id + ": its spec's \"" + SHOTS_FIELD + "\"");
        return numbers;
    }

    private static void check(List<Integer> numbers, String what) {
        if (numbers.isEmpty() || numbers.size() > JobTable.MAX_SHOTS) {
            throw new IllegalArgumentException(what + " must be 1 to " + JobTable.MAX_SHOTS + " shots, got "
                    + numbers.size());
        }
        Set<Integer> seen = new HashSet<>();
        for (int n : numbers) {
            if (n < 1 || !seen.add(n)) {
                throw new IllegalArgumentException(what + " must list shot numbers from 1, each once; got " + n
                        + (n < 1 ? "" : " twice"));
            }
        }
    }

    /** The data file's input key, or null when the job migrates no recorded data. */
    public String dataKey() {
        return files.stream().filter(f -> f.path().equals("data")).map(SpecInputs.FileField::value).findFirst()
                .orElse(null);
    }

    /**
     * The spec's text for the spec reader: as stored, without the dispatcher's {@value #SHOTS_FIELD}
     * and {@value #DATA_INDEX_FIELD}.
     */
    public String text() {
        return text(null);
    }

    /**
     * As {@link #text()}, its data file given as {@code dataFile} instead of its input key (a
     * worker that reads the file's shots from their own small files hands the spec reader the
     * file's headers), or as stored when null.
     */
    public String text(java.nio.file.Path dataFile) {
        if (shots.isEmpty() && dataIndex == null && dataFile == null) {
            return new String(bytes, StandardCharsets.UTF_8);
        }
        try {
            ObjectNode tree = (ObjectNode) JSON.readTree(bytes);
            tree.remove(SHOTS_FIELD);
            tree.remove(DATA_INDEX_FIELD);
            if (dataFile != null) {
                tree.put("data", dataFile.toAbsolutePath().toString());
            }
            return JSON.writeValueAsString(tree);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
