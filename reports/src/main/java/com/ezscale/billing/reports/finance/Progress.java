package com.ezscale.billing.reports.finance;

/** Told how far the writing of a report is: rows written of the report's rows, called every few thousand rows and at the end. */
@FunctionalInterface
public interface Progress {

    Progress NONE = (done, total) -> {};

    /** How often, in rows, writers report. */
    int EVERY = 5_000;

    void rows(long done, long total);

    /** A counter for one report: {@link #row()} per row written, reporting every {@link #EVERY} rows and at the last. */
    static Counter counter(Progress progress, Report report) {
        return new Counter(
                progress,
                report.tables().stream().mapToLong(t -> t.rows().size()).sum());
    }

    final class Counter {
        private final Progress progress;
        private final long total;
        private long done;

        Counter(Progress progress, long total) {
            this.progress = progress;
            this.total = total;
        }

        public void row() {
            done++;
            if (done % EVERY == 0 || done == total) {
                progress.rows(done, total);
            }
        }
    }
}
