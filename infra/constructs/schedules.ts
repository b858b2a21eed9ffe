/**
 * The scheduled jobs: one function and one EventBridge schedule per job of shared/jobs.ts, at the times that
 * table gives (rendered for EventBridge), in America/Montreal, with retries and a dead-letter queue.
 */
import { Duration, Stack, TimeZone } from 'aws-cdk-lib';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import {
  eventBridgeExpression,
  JOB_NAMES,
  JOB_TIME_ZONE,
  JOBS,
  type JobName,
  type YearStart,
} from '../../shared/jobs.ts';
import { AppFunction, type AppFunctionProps, type MailGrant } from './app-function.ts';
import { deadLetterQueue } from './dead-letter-queue.ts';
import { acknowledge, arnInFinding } from './nag.ts';

/** What each job needs beyond the defaults; a job added to the table must say it here. */
const SIZING: Record<JobName, { id: string; mail?: true; linkSecret?: true } & Partial<AppFunctionProps>> = {
  'open-year': { id: 'OpenYear', timeout: Duration.minutes(15), memorySize: 1024 },
  daily: { id: 'Daily', timeout: Duration.minutes(15), linkSecret: true },
  'outbox-sweep': { id: 'OutboxSweep', timeout: Duration.minutes(5), mail: true },
  'expire-offers': { id: 'ExpireOffers' },
};

export type SchedulesProps = {
  table: ITableV2;
  linkSecret: ISecret;
  mail: MailGrant;
  environment: Record<string, string>;
  yearStart: YearStart;
};

export class Schedules extends Construct {
  readonly functions: Record<JobName, AppFunction>;
  readonly deadLetters: Queue;

  constructor(scope: Construct, id: string, props: SchedulesProps) {
    super(scope, id);
    this.deadLetters = deadLetterQueue(this, 'DeadLetters');
    const zone = TimeZone.of(JOB_TIME_ZONE);
    const entries = JOB_NAMES.map((job) => {
      const { id: jobId, mail, linkSecret, ...sizing } = SIZING[job];
      const fn = new AppFunction(this, `${jobId}Fn`, {
        entry: JOBS[job].entry,
        description: JOBS[job].description,
        environment: props.environment,
        ...sizing,
      }).useTable(props.table, 'readWrite');
      if (mail) fn.useMail(props.mail);
      if (linkSecret) fn.useLinkSecret(props.linkSecret);
      const input = 'input' in JOBS[job] ? JOBS[job].input : undefined;
      new Schedule(this, jobId, {
        description: JOBS[job].description,
        schedule: ScheduleExpression.expression(eventBridgeExpression(job, props.yearStart), zone),
        target: new LambdaInvoke(fn.fn, {
          retryAttempts: 3,
          maxEventAge: Duration.hours(6),
          deadLetterQueue: this.deadLetters,
          input: input ? ScheduleTargetInput.fromObject(input) : undefined,
        }),
      });
      // The scheduler's role is one per stack, outside this construct.
      acknowledge(
        Stack.of(this),
        `AwsSolutions-IAM5[Resource::${arnInFinding(fn.fn)}:*]`,
        "The scheduler's role may invoke this function's versions, as CDK grants it.",
      );
      return [job, fn] as const;
    });
    this.functions = Object.fromEntries(entries) as Record<JobName, AppFunction>;
  }
}
