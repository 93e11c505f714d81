package com.ezscale.billing.jobs.ops;

import org.slf4j.MDC;
import org.springframework.batch.core.job.AbstractJob;
import org.springframework.batch.core.job.JobExecution;
import org.springframework.batch.core.job.parameters.JobParameter;
import org.springframework.batch.core.listener.JobExecutionListener;
import org.springframework.beans.factory.config.BeanPostProcessor;
import org.springframework.stereotype.Component;

/**
 * Every job's log lines carry its execution id, job name and asOf (and the customer for a
 * one-customer run) in the MDC, which the structured log formats (ECS, Logstash) write as fields:
 * a listener registered on each job bean puts them before the job and clears them after.
 */
@Component
public class JobLogContext implements BeanPostProcessor {

    public static final String EXECUTION = "jobExecutionId";
    public static final String JOB = "jobName";
    public static final String AS_OF = "asOf";
    public static final String CUSTOMER = "customerId";

    static final JobExecutionListener LISTENER = new JobExecutionListener() {
        @Override
        public void beforeJob(JobExecution execution) {
            MDC.put(EXECUTION, String.valueOf(execution.getId()));
            MDC.put(JOB, execution.getJobInstance().getJobName());
            JobParameter<?> asOf = execution.getJobParameters().getParameter(AS_OF);
            if (asOf != null) {
                MDC.put(AS_OF, String.valueOf(asOf.value()));
            }
            JobParameter<?> customer = execution.getJobParameters().getParameter(CUSTOMER);
            if (customer != null) {
                MDC.put(CUSTOMER, String.valueOf(customer.value()));
            }
        }

        @Override
        public void afterJob(JobExecution execution) {
            MDC.remove(EXECUTION);
            MDC.remove(JOB);
            MDC.remove(AS_OF);
            MDC.remove(CUSTOMER);
        }
    };

    @Override
    public Object postProcessAfterInitialization(Object bean, String beanName) {
        if (bean instanceof AbstractJob job) {
            job.registerJobExecutionListener(LISTENER);
        }
        return bean;
    }
}
