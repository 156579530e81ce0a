package org.spinmon.trainer.mnist;

import java.io.IOException;
import java.net.UnknownHostException;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import org.deeplearning4j.common.resources.DL4JResources;
import org.eclipse.deeplearning4j.resources.DataSetResource;
import org.eclipse.deeplearning4j.resources.ResourceDataSets;

/**
 * DL4J's own downloader ({@link ResourceDataSets}), pointed at our directory: it fetches the four gzipped
 * files from DL4J's resource server (checking their MD5) and unpacks them. Needs general internet access;
 * offline it fails at once, and this source then reports the unreachable host instead of a bare
 * {@link UnknownHostException}.
 */
public final class Dl4jDownloadSource implements MnistSource {

    @Override
    public String name() {
        return "dl4j";
    }

    @Override
    public void fetchInto(Path dir, Consumer<String> progress) throws IOException {
        List<DataSetResource> resources = List.of(ResourceDataSets.mnistTrain(dir.toFile()),
                ResourceDataSets.mnistTrainLabels(dir.toFile()), ResourceDataSets.mnistTest(dir.toFile()),
                ResourceDataSets.mnistTestLabels(dir.toFile()));
        for (DataSetResource resource : resources) {
            progress.accept("downloading " + resource.archiveFileName() + " with DL4J's downloader from "
                    + DL4JResources.getBaseDownloadURL());
            try {
                resource.download(true, 2, 20_000, 60_000);
            } catch (RuntimeException e) {
                throw new IOException(describe(e), e);
            }
        }
    }

    private static String describe(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof UnknownHostException) {
                return "the internet is not reachable from here (cannot resolve " + t.getMessage() + ")";
            }
            if (t.getCause() == t) {
                break;
            }
        }
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        return "DL4J's download failed: " + root;
    }
}
