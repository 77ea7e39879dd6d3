package io.seiswork.app.shell;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.List;
import org.junit.jupiter.api.Test;

/** The command that goes on, as the CLI's Ctrl-C line and the desktop's cancelled fetch say it. */
class ShellCommandTest {

    @Test
    void plainWordsStayAsTheyAre() {
        assertEquals("seiswork fetch job-1a2b --cloud local --out runs/job-1a2b",
                ShellCommand.seiswork(List.of("fetch", "job-1a2b", "--cloud", "local", "--out", "runs/job-1a2b")));
    }

    @Test
    void aFolderWithASpaceOrAQuoteIsOneWordForTheShell() {
        assertEquals("seiswork fetch j --out '/data/my runs/j' --x 'it'\\''s'",
                ShellCommand.seiswork(List.of("fetch", "j", "--out", "/data/my runs/j", "--x", "it's")));
    }

    @Test
    void anEmptyArgumentIsKept() {
        assertEquals("seiswork submit ''", ShellCommand.seiswork(List.of("submit", "")));
    }
}
