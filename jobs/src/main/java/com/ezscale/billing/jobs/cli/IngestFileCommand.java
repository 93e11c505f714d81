package com.ezscale.billing.jobs.cli;

import com.ezscale.billing.ingest.file.FileIngestor;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

@Command(
        name = "ingest-file",
        mixinStandardHelpOptions = true,
        description =
                "Import NDJSON exports of ElastiFlow records (plain or gzip). A file already imported (same content) changes nothing.")
class IngestFileCommand implements Callable<Integer> {
    @CommandLine.ParentCommand
    Main main;

    @Parameters(arity = "1..*", paramLabel = "PATH")
    List<Path> paths;

    @Override
    public Integer call() throws Exception {
        for (Path path : paths) {
            if (!Files.isReadable(path)) {
                throw new IllegalArgumentException("cannot read " + path);
            }
        }
        try (ConfigurableApplicationContext context = Contexts.oneShot(main, Map.of())) {
            FileIngestor files = context.getBean(FileIngestor.class);
            for (Path path : paths) {
                FileIngestor.Result r;
                try (CommandProgress progress = CommandProgress.start(context)) {
                    long size = Files.size(path);
                    progress.outer("MB of " + path.getFileName(), (int) Math.max(1, size >> 20));
                    r = files.ingest(path, read -> progress.outerDone((int) (read >> 20)));
                }
                if (r.alreadyImported()) {
                    System.out.printf("%s: already imported (sha256 %s), nothing changed%n", path, r.sha256());
                } else {
                    System.out.printf(
                            "%s: %d records: %d attributed, %d unattributed, %d ignored (not an edge exporter), %d dead-lettered%n",
                            path,
                            r.usage().records(),
                            r.usage().attributedRecords(),
                            r.usage().unattributedRecords(),
                            r.usage().ignoredRecords(),
                            r.usage().deadLetterCount());
                }
            }
            return 0;
        }
    }
}
