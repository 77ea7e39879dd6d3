package io.seiswork.app.desktop;

/** Where the tool bar's Run sends a job. */
enum RunTarget {
    /** The engines of this machine, through the same runner as {@code seiswork run}. */
    THIS_MACHINE("this machine", null),
    /** The emulators of {@code scripts/cloud-local.sh}, with a worker inside the window. */
    LOCAL_CLOUD("local cloud", "local"),
    /** The deployed stack ({@code SEISWORK_BUCKET}, the AWS default credential chain), its fleet. */
    AWS("AWS", "aws");

    private final String label;
    private final String cloud;

    RunTarget(String label, String cloud) {
        this.label = label;
        this.cloud = cloud;
    }

    /** The {@code --cloud} name, or null for this machine. */
    String cloud() {
        return cloud;
    }

    @Override
    public String toString() {
        return label;
    }
}
