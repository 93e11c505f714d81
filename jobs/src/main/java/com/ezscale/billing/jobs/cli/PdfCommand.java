package com.ezscale.billing.jobs.cli;

import com.ezscale.billing.document.db.DocumentRef;
import com.ezscale.billing.document.db.StoredDocument;
import com.ezscale.billing.reports.pdf.Documents;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.concurrent.Callable;
import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

@Command(
        name = "pdf",
        mixinStandardHelpOptions = true,
        description =
                "Write the PDF of an issued invoice or credit note. Rendered once from what was frozen at issue and "
                        + "stored with its SHA-256; every later call writes the stored bytes.")
class PdfCommand implements Callable<Integer> {
    @CommandLine.ParentCommand
    Main main;

    @Parameters(index = "0", paramLabel = "NUMBER", description = "the invoice or credit note number")
    String number;

    @Option(names = "--out", required = true, paramLabel = "FILE")
    Path out;

    @Option(
            names = "--rerender",
            description = "render it again from its rows (storing nothing), write that, and say whether it is byte for "
                    + "byte the stored one (an audit of the stored file)")
    boolean rerender;

    @Override
    public Integer call() throws Exception {
        try (ConfigurableApplicationContext context = Contexts.oneShot(main, Map.of())) {
            Documents documents = context.getBean(Documents.class);
            StoredDocument document = documents.pdf(number);
            byte[] content = document.content();
            if (rerender) {
                content = documents.render(new DocumentRef(document.kind(), document.sourceId(), document.number()));
                String sha = Documents.sha256(content);
                System.out.printf(
                        "re-rendered %s: sha256 %s, %s the stored document%n",
                        document.number(), sha, sha.equals(document.sha256()) ? "the same bytes as" : "DIFFERENT from");
            }
            Path parent = out.toAbsolutePath().getParent();
            Path partial = Files.createTempFile(parent, ".pdf-", ".part");
            try {
                Files.write(partial, content);
                Files.move(partial, out, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
            } finally {
                Files.deleteIfExists(partial);
            }
            System.out.printf(
                    "%s %s: %,d bytes, sha256 %s, rendered %s, written to %s%n",
                    document.kind().equals(Documents.INVOICE) ? "invoice" : "credit note",
                    document.number(),
                    document.sizeBytes(),
                    document.sha256(),
                    document.renderedAt(),
                    out);
            return 0;
        }
    }
}
