/** Alarms to the coordination team (an SNS topic, by email): any function error, dead letters, 5xx, failed emails. */
import { Duration } from 'aws-cdk-lib';
import type { HttpApi } from 'aws-cdk-lib/aws-apigatewayv2';
import { Alarm, ComparisonOperator, type IMetric, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { FilterPattern, MetricFilter } from 'aws-cdk-lib/aws-logs';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import type { Queue } from 'aws-cdk-lib/aws-sqs';
import { Construct } from 'constructs';
import type { AppFunction } from './app-function.ts';
import { acknowledge } from './nag.ts';

export type AlarmsProps = {
  alarmEmail?: string;
  /** Named by the alarm each gets (`<name>Errors`). */
  functions: Record<string, AppFunction>;
  /** The functions that send email, whose logs say when a message is parked as failed. */
  mailFunctions: Record<string, AppFunction>;
  streamDeadLetters: Queue;
  schedulerDeadLetters: Queue;
  httpApi: HttpApi;
};

export class Alarms extends Construct {
  readonly topic: Topic;

  constructor(scope: Construct, id: string, props: AlarmsProps) {
    super(scope, id);
    this.topic = new Topic(this, 'Topic', { displayName: 'PIC alarms', enforceSSL: true });
    acknowledge(
      this.topic,
      'AwsSolutions-SNS2',
      'CloudWatch alarms cannot publish to a topic encrypted with the AWS-managed key; alarm texts carry no personal data.',
    );
    if (props.alarmEmail) this.topic.addSubscription(new EmailSubscription(props.alarmEmail));

    const fiveMinutes = { period: Duration.minutes(5) };
    for (const [name, f] of Object.entries(props.functions))
      this.alarm(`${name}Errors`, f.fn.metricErrors(fiveMinutes), `${name} threw`);
    this.alarm(
      'StreamDlqDepth',
      props.streamDeadLetters.metricApproximateNumberOfMessagesVisible(),
      'Stream records the notifier could not process',
    );
    this.alarm(
      'SchedulerDlqDepth',
      props.schedulerDeadLetters.metricApproximateNumberOfMessagesVisible(),
      'Scheduled runs that failed all retries',
    );
    this.alarm('Api5xx', props.httpApi.metricServerError(fiveMinutes), 'API answered 5xx');
    this.alarm(
      'SchedulerFailures',
      new Metric({ namespace: 'AWS/Scheduler', metricName: 'TargetErrorCount', statistic: 'Sum', ...fiveMinutes }),
      'Scheduler could not invoke a job',
    );
    for (const [name, f] of Object.entries(props.mailFunctions)) {
      new MetricFilter(this, `${name}FailedEmails`, {
        logGroup: f.logGroup,
        metricNamespace: 'PIC',
        metricName: 'FailedEmails',
        filterPattern: FilterPattern.all(
          FilterPattern.stringValue('$.message', '=', 'email not sent'),
          FilterPattern.stringValue('$.status', '=', 'failed'),
        ),
        metricValue: '1',
      });
    }
    this.alarm(
      'FailedEmails',
      new Metric({ namespace: 'PIC', metricName: 'FailedEmails', statistic: 'Sum', ...fiveMinutes }),
      'Emails parked as failed after every retry',
    );
  }

  private alarm(id: string, metric: IMetric, description: string) {
    new Alarm(this, id, {
      metric,
      threshold: 0,
      comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
      evaluationPeriods: 1,
      treatMissingData: TreatMissingData.NOT_BREACHING,
      alarmDescription: description,
    }).addAlarmAction(new SnsAction(this.topic));
  }
}
