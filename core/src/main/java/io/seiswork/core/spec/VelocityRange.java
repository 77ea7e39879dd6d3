package io.seiswork.core.spec;

/**
 * The slowest and fastest velocity of a model, m/s, and whether they are the model's own or
 * bounds of them. A migration velocity smoothed out of core has bounds only: its exact range
 * takes smoothing the whole survey (minutes for billions of nodes), while the model it is
 * smoothed from bounds it, since smoothing averages slowness with positive weights.
 *
 * @param minMps the slowest velocity, or a lower bound of it
 * @param maxMps the fastest velocity, or an upper bound of it
 * @param exact whether both are the model's own
 */
public record VelocityRange(float minMps, float maxMps, boolean exact) {

    /** For the user: "1500 - 2500 m/s", or "within 1500 - 2500 m/s" for bounds. */
    @Override
    public String toString() {
        return String.format(java.util.Locale.ROOT, "%s%.0f - %.0f m/s", exact ? "" : "within ", minMps, maxMps);
    }
}
