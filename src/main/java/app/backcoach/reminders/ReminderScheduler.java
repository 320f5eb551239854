package app.backcoach.reminders;

import java.time.Duration;
import java.util.Properties;
import org.quartz.DisallowConcurrentExecution;
import org.quartz.Job;
import org.quartz.JobBuilder;
import org.quartz.JobDetail;
import org.quartz.JobExecutionContext;
import org.quartz.Scheduler;
import org.quartz.SchedulerException;
import org.quartz.SimpleScheduleBuilder;
import org.quartz.Trigger;
import org.quartz.TriggerBuilder;
import org.quartz.impl.StdSchedulerFactory;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Quartz drives the timing with a single trigger that runs the due-reminder claim every few
 * seconds; the truth (what is due, what was sent) lives in SQLite, so 100,000 users cost one
 * trigger, not 100,000, and a restart loses nothing.
 */
public final class ReminderScheduler implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(ReminderScheduler.class);
  private final Scheduler scheduler;

  public ReminderScheduler(ReminderService service, Duration every) {
    try {
      Properties p = new Properties();
      p.setProperty(
          "org.quartz.scheduler.instanceName", "backcoach-" + System.identityHashCode(this));
      p.setProperty("org.quartz.threadPool.threadCount", "1");
      p.setProperty("org.quartz.jobStore.class", "org.quartz.simpl.RAMJobStore");
      p.setProperty("org.quartz.scheduler.skipUpdateCheck", "true");
      p.setProperty("org.quartz.threadPool.makeThreadsDaemons", "true");
      p.setProperty("org.quartz.scheduler.makeSchedulerThreadDaemon", "true");
      scheduler = new StdSchedulerFactory(p).getScheduler();
      scheduler.setJobFactory((bundle, s) -> new DueJob(service));
      JobDetail job = JobBuilder.newJob(DueJob.class).withIdentity("due-reminders").build();
      Trigger trigger =
          TriggerBuilder.newTrigger()
              .withIdentity("due-reminders")
              .startNow()
              .withSchedule(
                  SimpleScheduleBuilder.simpleSchedule()
                      .withIntervalInMilliseconds(every.toMillis())
                      .repeatForever()
                      .withMisfireHandlingInstructionNextWithRemainingCount())
              .build();
      scheduler.scheduleJob(job, trigger);
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot set up the reminder scheduler: " + e.getMessage(), e);
    }
  }

  public ReminderScheduler start() {
    try {
      scheduler.start();
      return this;
    } catch (SchedulerException e) {
      throw new IllegalStateException("cannot start the reminder scheduler: " + e.getMessage(), e);
    }
  }

  @Override
  public void close() {
    try {
      scheduler.shutdown(true);
    } catch (SchedulerException e) {
      log.warn("reminders: stopping the scheduler: {}", e.getMessage());
    }
  }

  /** The one job: claim and queue what is due. Thin on purpose; the work is in the service. */
  @DisallowConcurrentExecution
  static final class DueJob implements Job {
    private final ReminderService service;

    DueJob(ReminderService service) {
      this.service = service;
    }

    @Override
    public void execute(JobExecutionContext context) {
      try {
        service.runDue();
      } catch (Throwable e) {
        // Held, not lost: what was due is still due at the next tick. One bad reminder is
        // quarantined by the service itself; this is the store failing or something worse.
        log.error("reminders: claiming due reminders failed: {}", e.toString());
      }
    }
  }
}
