package io.seiswork.app.cli;

import io.seiswork.app.desktop.WorkstationApplication;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code seiswork desktop [SPEC.json]} (and {@code seiswork} alone, on the demo): the desktop
 * workstation, which shows a spec's facts and model, runs its shots locally with a live progress
 * row per shot and Cancel, and shows the image or gathers.
 */
@Command(name = "desktop", mixinStandardHelpOptions = true,
        description = {"Open the desktop workstation on a job spec (default: the built-in demo).",
            "Runs write to runs/<job name>, as seiswork run does. Needs a display."})
final class DesktopCommand implements Callable<Integer> {

    @Parameters(index = "0", arity = "0..1", paramLabel = "SPEC.json", description = "The job spec to open.")
    Path specFile;

    @Override
    public Integer call() {
        if (specFile != null && !Files.isRegularFile(specFile)) {
            throw new IllegalArgumentException("spec file " + specFile + " does not exist");
        }
        DisplayCheck.require("seiswork desktop");
        DisplayCheck.show("seiswork desktop", () -> WorkstationApplication.show(specFile));
        return 0;
    }
}
