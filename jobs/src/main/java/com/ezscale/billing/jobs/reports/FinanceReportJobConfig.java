package com.ezscale.billing.jobs.reports;

import com.ezscale.billing.report.db.ReportMapper;
import com.ezscale.billing.report.db.ReportOutput;
import com.ezscale.billing.reports.finance.FinanceReports;
import com.ezscale.billing.reports.finance.PdfReport;
import com.ezscale.billing.reports.finance.Progress;
import com.ezscale.billing.reports.finance.Report;
import com.ezscale.billing.reports.finance.XlsxReport;
import com.ezscale.billing.run.JobRequests;
import com.ezscale.billing.run.db.RunMapper;
import java.io.ByteArrayOutputStream;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.LocalDate;
import java.util.HexFormat;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.job.parameters.JobParameters;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.StepExecution;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.batch.infrastructure.support.transaction.ResourcelessTransactionManager;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/**
 * {@code financeReport}: one finance report for a staff member, asked for in the portal (its
 * parameters: {@code report}, {@code from}, {@code to}, {@code currency}, {@code format},
 * {@code asOf}, the {@code request}). The step's counts are its progress, saved as it writes
 * (read: the report's rows; written: the rows written so far), so the portal shows them live; the
 * file goes to {@code report_output}, once per execution (a restart stores nothing twice).
 *
 * <p>The step runs outside a database transaction (nothing it reads needs one, and its one write
 * is a single keyed insert) so that each progress update commits at once.
 */
@Configuration(proxyBeanMethods = false)
public class FinanceReportJobConfig {

    public static final String STEP = "writeReport";

    @Bean
    Job financeReport(JobRepository jobRepository, Step writeReportStep) {
        return new JobBuilder(JobRequests.FINANCE_REPORT, jobRepository)
                .start(writeReportStep)
                .build();
    }

    @Bean
    Step writeReportStep(
            JobRepository jobRepository, FinanceReports reports, ReportMapper mapper, RunMapper runs, Clock clock) {
        return new StepBuilder(STEP, jobRepository)
                .tasklet(
                        (contribution, context) -> {
                            StepExecution step = contribution.getStepExecution();
                            JobParameters p = step.getJobParameters();
                            Long request = p.getLong("request");
                            if (request != null) {
                                runs.linkJobRequest(request, step.getJobExecutionId());
                            }
                            String name = p.getString("report");
                            String format = p.getString("format", "xlsx");
                            LocalDate asOf = p.getLocalDate("asOf");
                            LocalDate from = date(p.getString("from"));
                            LocalDate to = date(p.getString("to"));
                            String currency = p.getString("currency");
                            Report report = reports.run(name, from, to, asOf, currency);
                            long rows = report.tables().stream()
                                    .mapToLong(t -> t.rows().size())
                                    .sum();
                            step.setReadCount(rows);
                            jobRepository.update(step);
                            Progress progress = (done, total) -> {
                                step.setWriteCount(done);
                                jobRepository.update(step);
                            };
                            ByteArrayOutputStream out = new ByteArrayOutputStream();
                            if ("pdf".equals(format)) {
                                PdfReport.write(report, out, progress);
                            } else {
                                XlsxReport.write(report, out, progress);
                            }
                            byte[] content = out.toByteArray();
                            mapper.insertReportOutput(new ReportOutput(
                                    0,
                                    step.getJobExecutionId(),
                                    name,
                                    format,
                                    report.parameters(),
                                    fileName(name, from, to, asOf, currency, format),
                                    content,
                                    content.length,
                                    HexFormat.of()
                                            .formatHex(MessageDigest.getInstance("SHA-256")
                                                    .digest(content)),
                                    rows,
                                    p.getString("requestedBy", "?"),
                                    clock.instant()));
                            step.setWriteCount(rows);
                            return RepeatStatus.FINISHED;
                        },
                        new ResourcelessTransactionManager())
                .build();
    }

    /** The download's name: the report, its day or range, its currency when converted. */
    static String fileName(String name, LocalDate from, LocalDate to, LocalDate asOf, String currency, String format) {
        return name + "-" + (name.equals("aging") || from == null ? asOf.toString() : from + "-" + to)
                + (currency == null ? "" : "-" + currency) + "." + format;
    }

    private static LocalDate date(String text) {
        return text == null || text.isBlank() ? null : LocalDate.parse(text);
    }
}
