package org.spinmon.dashboard.cli;

import org.spinmon.analyzer.SpinmonVersion;
import picocli.CommandLine;

/** {@code spinmon --version}: spinmon's version and the Java runtime it runs on. */
final class VersionProvider implements CommandLine.IVersionProvider {

    @Override
    public String[] getVersion() {
        return new String[]{"spinmon " + SpinmonVersion.get(),
                "Java " + Runtime.version() + " (" + System.getProperty("java.vendor") + ")"};
    }
}
