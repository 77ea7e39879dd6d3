package io.seiswork.app.run;

import io.seiswork.core.geometry.Shot;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * Which of a job's shots a run computes, by shot number (1-based, as in the gathers' FFID): all
 * of them, or a list such as {@code 1,4-6} to look at a few shots before the whole survey. The
 * shots keep their numbers, positions and receivers: a migration of shots 4-6 is their part of the
 * whole image, gathers of shot 5 are FFID 5.
 */
public final class ShotSelection {

    /** Every shot. */
    public static final ShotSelection ALL = new ShotSelection(null, "all");

    /** The largest shot number a list may name (a survey's shots are counted in thousands, not billions). */
    static final int MAX_SHOT = 10_000_000;

    private final BitSet numbers;
    private final String text;

    private ShotSelection(BitSet numbers, String text) {
        this.numbers = numbers;
        this.text = text;
    }

    /**
     * Reads a list of shot numbers and ranges, {@code "3"}, {@code "1,4-6"}.
     *
     * @param option the option's name, for messages
     * @throws IllegalArgumentException naming the option and the part that is not a shot or range
     */
    public static ShotSelection parse(String list, String option) {
        BitSet n = new BitSet();
        String[] parts = list.split(",", -1);
        for (int i = 0; i < parts.length; i++) {
            String p = parts[i].strip();
            String[] ends = p.split("-", -1);
            int first;
            int last;
            try {
                if (ends.length == 1) {
                    first = last = Integer.parseInt(ends[0].strip());
                } else if (ends.length == 2) {
                    first = Integer.parseInt(ends[0].strip());
                    last = Integer.parseInt(ends[1].strip());
                } else {
                    throw new NumberFormatException();
                }
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException(malformed(list, parts.length, i + 1, p, option));
            }
            if (first < 1 || last < first || last > MAX_SHOT) {
                throw new IllegalArgumentException(option + ": " + p + " is not a range of shots (numbers from 1 to "
                        + MAX_SHOT + ", the first not above the last)");
            }
            n.set(first, last + 1);
        }
        return new ShotSelection(n, list.replace(" ", ""));
    }

    /**
     * Why a list is not one, quoting the whole list and naming its first bad item by place:
     * {@code --shots must list shot numbers and ranges such as 1,4-6, got "1,,x": item 2 is empty}
     * (an item alone, {@code ""}, would not say where in a long list it is).
     */
    private static String malformed(String list, int items, int item, String part, String option) {
        String why = list.isBlank() ? "the list is empty"
                : part.isEmpty() ? (items == 1 ? "it is empty" : "item " + item + " is empty")
                : items == 1 ? "it is neither a shot number nor a range"
                : "item " + item + ", \"" + part + "\", is neither a shot number nor a range";
        return option + " must list shot numbers and ranges such as 1,4-6, got \"" + list + "\": " + why;
    }

    /** {@link #parse}, or {@link #ALL} for a list left out or empty (an option not given, a blank field). */
    public static ShotSelection parseOrAll(String list, String option) {
        return list == null || list.isBlank() ? ALL : parse(list, option);
    }

    /** Whether every shot runs. */
    public boolean all() {
        return numbers == null;
    }

    /**
     * The shots of {@code shots} this selection names, in the job's order.
     *
     * @param option the option's name, for messages
     * @throws IllegalArgumentException when it names a shot the job does not have
     */
    public List<Shot> of(List<Shot> shots, String option) {
        if (numbers == null) {
            return shots;
        }
        BitSet missing = (BitSet) numbers.clone();
        List<Shot> out = new ArrayList<>();
        for (Shot s : shots) {
            if (numbers.get(s.number())) {
                out.add(s);
                missing.clear(s.number());
            }
        }
        if (!missing.isEmpty()) {
            throw new IllegalArgumentException(option + ": the job has no shot " + missing.nextSetBit(0) + " (its shots are "
                    + (shots.isEmpty() ? "none" : shots.getFirst().number() + "-" + shots.getLast().number()) + ")");
        }
        return out;
    }

    /** As given ("1,4-6"), or "all". */
    @Override
    public String toString() {
        return text;
    }
}
