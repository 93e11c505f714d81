package com.ezscale.billing.app.run;

import com.ezscale.billing.audit.db.AuditMapper;
import com.ezscale.billing.rules.BillingRuleViolation;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import org.quartz.CronTrigger;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleTrigger;
import org.quartz.Trigger;
import org.quartz.TriggerKey;
import org.quartz.impl.matchers.GroupMatcher;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;

/**
 * The schedules in the jobs nodes' Quartz store (the nightly, the outbox, the parallel run), read
 * and paused or resumed from any application: a pause holds the trigger on every node of the
 * cluster until it is resumed (a fire missed meanwhile follows the trigger's misfire rule). Audited.
 */
@Service
public class Schedules {

    private final ObjectProvider<Scheduler> schedulers;
    private final AuditMapper audit;
    private final Clock clock;

    public Schedules(ObjectProvider<Scheduler> schedulers, AuditMapper audit, Clock clock) {
        this.schedulers = schedulers;
        this.audit = audit;
        this.clock = clock;
    }

    /** A trigger as the store holds it; {@code schedule} is its cron expression or repeat interval. */
    public record Schedule(
            String name, String group, String job, String schedule, String state, Instant next, Instant previous) {}

    /** The schedules, requests' one-shot triggers left out. */
    public List<Schedule> list() {
        try {
            Scheduler scheduler = scheduler();
            List<Schedule> schedules = new ArrayList<>();
            for (String group : scheduler.getTriggerGroupNames()) {
                for (TriggerKey key : scheduler.getTriggerKeys(GroupMatcher.triggerGroupEquals(group))) {
                    if (key.getName().startsWith("request-")) {
                        continue;
                    }
                    Trigger trigger = scheduler.getTrigger(key);
                    if (trigger == null) {
                        continue;
                    }
                    String schedule = trigger instanceof CronTrigger cron
                            ? cron.getCronExpression() + " ("
                                    + cron.getTimeZone().getID() + ")"
                            : trigger instanceof SimpleTrigger simple
                                    ? "every " + simple.getRepeatInterval() / 1000 + " s"
                                    : trigger.getClass().getSimpleName();
                    schedules.add(new Schedule(
                            key.getName(),
                            key.getGroup(),
                            trigger.getJobKey().getName(),
                            schedule,
                            scheduler.getTriggerState(key).name(),
                            trigger.getNextFireTime() == null
                                    ? null
                                    : trigger.getNextFireTime().toInstant(),
                            trigger.getPreviousFireTime() == null
                                    ? null
                                    : trigger.getPreviousFireTime().toInstant()));
                }
            }
            schedules.sort(Comparator.comparing(Schedule::group).thenComparing(Schedule::name));
            return schedules;
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot read the schedules: " + e.getMessage(), e);
        }
    }

    public void pause(String group, String name, String actor) {
        TriggerKey key = existing(group, name);
        try {
            scheduler().pauseTrigger(key);
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot pause " + key + ": " + e.getMessage(), e);
        }
        audit.insert(clock.instant(), actor, "schedule.pause", "trigger " + key, null);
    }

    public void resume(String group, String name, String actor) {
        TriggerKey key = existing(group, name);
        try {
            scheduler().resumeTrigger(key);
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot resume " + key + ": " + e.getMessage(), e);
        }
        audit.insert(clock.instant(), actor, "schedule.resume", "trigger " + key, null);
    }

    private TriggerKey existing(String group, String name) {
        TriggerKey key = TriggerKey.triggerKey(name, group);
        try {
            if (!scheduler().checkExists(key)) {
                throw new BillingRuleViolation("no schedule " + group + "." + name);
            }
        } catch (SchedulerException e) {
            throw new IllegalStateException("cannot read the schedules: " + e.getMessage(), e);
        }
        return key;
    }

    private Scheduler scheduler() {
        return JobStore.scheduler(schedulers);
    }
}
