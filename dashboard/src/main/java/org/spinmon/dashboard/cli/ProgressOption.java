package org.spinmon.dashboard.cli;

import picocli.CommandLine.Option;

/** {@code --[no-]progress}, shared by the commands that draw a progress line on stderr. */
final class ProgressOption {

    @Option(names = "--progress", negatable = true, description = "progress line on stderr (default: when stderr"
            + " is a terminal)")
    Boolean progress;

    /** @return whether to draw it: as asked, else when there is a terminal */
    boolean show() {
        return progress != null ? progress : System.console() != null;
    }
}
