package io.seiswork.core.spec;

/** Which compute engine runs the shots. */
public enum EngineChoice {
    /** The GPU when one is usable and the model fits its memory, otherwise the CPU. */
    AUTO("auto"),
    CPU("cpu"),
    GPU("gpu");

    private final String json;

    EngineChoice(String json) {
        this.json = json;
    }

    /** The spelling in the job spec and on the command line. */
    public String json() {
        return json;
    }
}
