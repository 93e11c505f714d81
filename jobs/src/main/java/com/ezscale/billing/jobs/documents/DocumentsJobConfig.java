package com.ezscale.billing.jobs.documents;

import com.ezscale.billing.document.db.DocumentRef;
import com.ezscale.billing.jobs.batch.BusinessDate;
import com.ezscale.billing.reports.pdf.Documents;
import org.springframework.batch.core.job.Job;
import org.springframework.batch.core.job.builder.JobBuilder;
import org.springframework.batch.core.repository.JobRepository;
import org.springframework.batch.core.step.Step;
import org.springframework.batch.core.step.builder.StepBuilder;
import org.springframework.batch.infrastructure.item.ExecutionContext;
import org.springframework.batch.infrastructure.repeat.RepeatStatus;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.transaction.PlatformTransactionManager;

/**
 * {@code renderDocuments(asOf)}, a step of {@code nightly} and a job of its own: the PDF of every
 * invoice and credit note issued in the week up to {@code asOf} that has none yet is rendered and
 * stored (the week catches a night that did not get this far). A page of documents per transaction;
 * where it got to is kept in the step's execution context, so a restart goes on from there and a
 * rerun finds nothing left to write. A document that fails is logged and counted as skipped.
 */
@Configuration(proxyBeanMethods = false)
public class DocumentsJobConfig {

    public static final String RENDER_DOCUMENTS = "renderDocuments";
    public static final String RENDER_STEP = RENDER_DOCUMENTS;

    @Bean
    Job renderDocuments(JobRepository jobRepository, Step renderDocumentsStep) {
        return new JobBuilder(RENDER_DOCUMENTS, jobRepository)
                .start(renderDocumentsStep)
                .build();
    }

    @Bean
    Step renderDocumentsStep(
            JobRepository jobRepository,
            PlatformTransactionManager transactionManager,
            BusinessDate businessDate,
            Documents documents,
            @Value("${ezscale.documents.render-days-back:7}") int daysBack,
            @Value("${ezscale.documents.render-page:50}") int page) {
        return new StepBuilder(RENDER_STEP, jobRepository)
                .tasklet(
                        (contribution, context) -> {
                            ExecutionContext state =
                                    context.getStepContext().getStepExecution().getExecutionContext();
                            DocumentRef after = state.containsKey("afterKind")
                                    ? new DocumentRef(state.getString("afterKind"), state.getLong("afterId"), "")
                                    : null;
                            Documents.Page done = documents.renderIssued(
                                    businessDate.asOf().minusDays(daysBack), businessDate.asOf(), after, page);
                            for (int i = 0; i < done.rendered() + done.failed(); i++) {
                                contribution.incrementReadCount();
                            }
                            contribution.incrementWriteCount(done.rendered());
                            for (int i = 0; i < done.failed(); i++) {
                                contribution.incrementProcessSkipCount();
                            }
                            if (done.last() != null) {
                                state.putString("afterKind", done.last().kind());
                                state.putLong("afterId", done.last().sourceId());
                            }
                            return done.done() ? RepeatStatus.FINISHED : RepeatStatus.CONTINUABLE;
                        },
                        transactionManager)
                .build();
    }
}
