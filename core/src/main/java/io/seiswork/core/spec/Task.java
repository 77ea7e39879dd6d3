package io.seiswork.core.spec;

/** What a job produces. */
public enum Task {
    /** Shot gathers: one trace per receiver per shot ({@code shots.sgy}). */
    MODEL("model"),
    /** A reverse-time-migrated depth image ({@code image.sgy}). */
    RTM("rtm");

    private final String json;

    Task(String json) {
        this.json = json;
    }

    /** The spelling in the job spec. */
    public String json() {
        return json;
    }
}
