package com.ezscale.billing.app.run;

import org.quartz.Scheduler;
import org.springframework.beans.factory.ObjectProvider;

/** The jobs nodes' Quartz store as this application reaches it (the portal's scheduler is a client, never started). */
final class JobStore {

    private JobStore() {}

    static Scheduler scheduler(ObjectProvider<Scheduler> schedulers) {
        Scheduler scheduler = schedulers.getIfAvailable();
        if (scheduler == null) {
            throw new IllegalStateException("this application has no Quartz scheduler to reach the jobs nodes through");
        }
        return scheduler;
    }
}
