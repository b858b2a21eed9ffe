import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it, beforeAll } from 'vitest';
import { App } from 'aws-cdk-lib';
import { Match, Template, Capture } from 'aws-cdk-lib/assertions';
import { AwsSolutionsChecks } from 'cdk-nag';
import { PicStack } from '../../infra/stacks/pic-stack.ts';
import { cronerPattern, eventBridgeExpression, JOB_NAMES, JOBS } from '#shared/jobs';
import { DEFAULT_SETTINGS } from '#domain/settings';
import { STREAM_CONSUMER } from '#shared/stream-consumer';
import { startScheduler } from '../../local/scheduler.ts';
import { API_ROUTES } from '../../infra/api-routes.ts';
import { STAFF_DIRECTORY_ACTIONS } from '../../infra/constructs/app-function.ts';

/** An EventBridge `cron(m h dom mon dow year)` read as croner's five fields, independently of shared/jobs.ts. */
function asCroner(expression: string): string {
  const m = /^cron\((\S+) (\S+) (\S+) (\S+) (\S+) \*\)$/.exec(expression);
  if (!m) return `not a cron expression: ${expression}`;
  const [minute, hour, day, month, weekday] = m.slice(1).map((f) => (f === '?' ? '*' : f.replace(/^0\//, '*/')));
  return [minute, hour, day, month, weekday].join(' ');
}

const ROOT = join(import.meta.dirname, '..', '..');
const readJson = (...path: string[]) => JSON.parse(readFileSync(join(ROOT, ...path), 'utf8'));
/** What `cdk synth` reads: the stage and the feature flags. */
const CDK_CONTEXT: Record<string, unknown> = readJson('cdk.json').context;

function build() {
  // Bundling off: these tests are about the resources, not the code (which the other tests run).
  const app = new App({ context: { ...CDK_CONTEXT, 'aws:cdk:bundling-stacks': [] } });
  const stack = new PicStack(app, 'Pic-test', {
    stage: 'test',
    env: { account: '111111111111', region: 'ca-central-1' },
    mailFrom: 'pic@centraide-mtl.org',
    teamEmail: 'pic@centraide-mtl.org',
    alarmEmail: 'alertes@example.org',
    apiRoutes: API_ROUTES,
  });
  return { stack, template: Template.fromStack(stack) };
}

describe('the CDK app', () => {
  it('sets every feature flag the installed aws-cdk-lib recommends (what `cdk init` writes)', () => {
    expect(CDK_CONTEXT).toMatchObject(readJson('node_modules', 'aws-cdk-lib', 'recommended-feature-flags.json'));
  });
});

describe('the AWS stack', () => {
  let stack: PicStack;
  let template: Template;
  beforeAll(() => ({ stack, template } = build()));

  it('keeps the table safe: streams, point-in-time recovery, deletion protection, retained, TTL', () => {
    template.hasResource('AWS::DynamoDB::GlobalTable', {
      DeletionPolicy: 'Retain',
      Properties: Match.objectLike({
        StreamSpecification: { StreamViewType: 'NEW_IMAGE' },
        TimeToLiveSpecification: { AttributeName: 'ttl', Enabled: true },
        Replicas: [
          Match.objectLike({
            PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true },
            DeletionProtectionEnabled: true,
          }),
        ],
        GlobalSecondaryIndexes: [Match.objectLike({ IndexName: 'gsi1' }), Match.objectLike({ IndexName: 'gsi2' })],
      }),
    });
  });

  it('runs every function on Node 24, arm64, JSON logs with retention', () => {
    const fns = template.findResources('AWS::Lambda::Function', {
      Properties: { Environment: { Variables: { PIC_TABLE_NAME: Match.anyValue() } } },
    });
    expect(Object.keys(fns)).toHaveLength(6);
    for (const f of Object.values(fns)) {
      expect(f.Properties).toMatchObject({
        Runtime: 'nodejs24.x',
        Architectures: ['arm64'],
        LoggingConfig: { LogFormat: 'JSON' },
      });
      expect(f.Properties.Environment.Variables.NODE_OPTIONS).toBeUndefined();
    }
    template.allResourcesProperties('AWS::Logs::LogGroup', { RetentionInDays: 90 });
  });

  it('grants SES sending only to the two delivery functions, with the configuration set', () => {
    const policies = template.findResources('AWS::IAM::Policy');
    const rolesWithSes = Object.values(policies)
      .filter((p) => JSON.stringify(p).includes('ses:SendRawEmail'))
      .flatMap((p) => p.Properties.Roles.map((r: { Ref: string }) => r.Ref));
    const functions = Object.values(template.findResources('AWS::Lambda::Function'));
    const sending = functions.filter((f) => rolesWithSes.includes(f.Properties.Role?.['Fn::GetAtt']?.[0]));
    expect(sending.map((f) => f.Properties.Description).sort()).toEqual([
      JOBS['outbox-sweep'].description,
      'Outbox delivery from the table stream',
    ]);
    template.resourceCountIs('AWS::SES::ConfigurationSet', 1);
  });

  it('consumes the stream with bisect-on-error, partial failures and a dead-letter queue, one at a time', () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BisectBatchOnFunctionError: true,
      FunctionResponseTypes: ['ReportBatchItemFailures'],
      DestinationConfig: { OnFailure: { Destination: Match.anyValue() } },
      FilterCriteria: { Filters: [{ Pattern: Match.stringLikeRegexp('OUTBOX#') }] },
    });
    template.hasResourceProperties('AWS::Lambda::Function', { ReservedConcurrentExecutions: 1 });
  });

  it("reads the stream with the local poller's definition: batch size, filter, retries", () => {
    template.hasResourceProperties('AWS::Lambda::EventSourceMapping', {
      BatchSize: STREAM_CONSUMER.batchSize,
      MaximumRetryAttempts: STREAM_CONSUMER.retryAttempts,
      BisectBatchOnFunctionError: STREAM_CONSUMER.bisectBatchOnError,
      FilterCriteria: { Filters: STREAM_CONSUMER.filters.map((f) => ({ Pattern: JSON.stringify(f) })) },
    });
  });

  it('schedules every job of the job table in America/Montreal, with retries and a dead-letter queue', () => {
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: 'cron(5 0 1 4 ? *)',
      ScheduleExpressionTimezone: 'America/Montreal',
      Target: Match.objectLike({
        RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 21600 },
        DeadLetterConfig: { Arn: Match.anyValue() },
      }),
    });
    const expr = new Capture();
    template.hasResourceProperties('AWS::Scheduler::Schedule', {
      ScheduleExpression: expr,
      ScheduleExpressionTimezone: 'America/Montreal',
      Target: Match.objectLike({ RetryPolicy: { MaximumRetryAttempts: 3, MaximumEventAgeInSeconds: 21600 } }),
    });
    const captured: string[] = [];
    do captured.push(expr.asString());
    while (expr.next());
    expect(captured.sort()).toEqual(JOB_NAMES.map((j) => eventBridgeExpression(j, DEFAULT_SETTINGS.yearStart)).sort());
    template.resourceCountIs('AWS::Scheduler::Schedule', JOB_NAMES.length);
  });

  it('fires each job when the local scheduler does: both renderings of the one job table', () => {
    const functions = template.findResources('AWS::Lambda::Function');
    const local = startScheduler(async () => {}, DEFAULT_SETTINGS.yearStart);
    local.stop();
    const localCron = new Map(local.crons.map((c) => [c.name, c]));
    for (const schedule of Object.values(template.findResources('AWS::Scheduler::Schedule'))) {
      const { ScheduleExpression, ScheduleExpressionTimezone, Target } = schedule.Properties;
      const fn = functions[Target.Arn['Fn::GetAtt'][0]];
      const job = JOB_NAMES.find((j) => JOBS[j].description === fn.Properties.Description);
      expect(job, fn.Properties.Description).toBeDefined();
      if (!job) continue;
      const cron = localCron.get(job);
      expect(cron?.getPattern()).toBe(cronerPattern(job, DEFAULT_SETTINGS.yearStart));
      expect(cron?.options.timezone).toBe(ScheduleExpressionTimezone);
      expect(asCroner(ScheduleExpression)).toBe(cron?.getPattern());
      expect(Target.Input && JSON.parse(Target.Input)).toEqual('input' in JOBS[job] ? JOBS[job].input : undefined);
    }
    expect([...localCron.keys()].sort()).toEqual([...JOB_NAMES].sort());
  });

  it('puts staff routes behind the Cognito JWT authorizer, and throttles and logs the API', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', { AuthorizerType: 'JWT' });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'POST /api/hour-logs',
      AuthorizationType: 'JWT',
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: 'ANY /api/{proxy+}',
      AuthorizationType: 'NONE',
    });
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      DefaultRouteSettings: { ThrottlingRateLimit: 50, ThrottlingBurstLimit: 100 },
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.anyValue() },
    });
    const groups = template.findResources('AWS::Cognito::UserPoolGroup');
    expect(
      Object.values(groups)
        .map((g) => g.Properties.GroupName)
        .sort(),
    ).toEqual(['coordination', 'partner-dynamo', 'partner-niska', 'partner-yann-pezzini']);
  });

  it('lets the API function, and it alone, invite, list and revoke staff on the user pool, whose id it is given', () => {
    const [pool] = Object.keys(template.findResources('AWS::Cognito::UserPool'));
    const functions = Object.values(template.findResources('AWS::Lambda::Function'));
    const apiFn = functions.find((f) => f.Properties.Description === 'HTTP API')!;
    expect(apiFn.Properties.Environment.Variables.PIC_COGNITO_USER_POOL_ID).toEqual({ Ref: pool });
    const cognito = Object.values(template.findResources('AWS::IAM::Policy')).flatMap((p) =>
      p.Properties.PolicyDocument.Statement.filter((s: { Action: string | string[] }) =>
        [s.Action].flat().some((a) => a.startsWith('cognito-idp:')),
      ).map((s: { Action: string[]; Effect: string; Resource: unknown }) => ({ roles: p.Properties.Roles, ...s })),
    );
    expect(cognito).toEqual([
      {
        roles: [{ Ref: apiFn.Properties.Role['Fn::GetAtt'][0] }],
        Effect: 'Allow',
        Action: expect.arrayContaining([...STAFF_DIRECTORY_ACTIONS]),
        Resource: { 'Fn::GetAtt': [pool, 'Arn'] },
      },
    ]);
    expect(cognito[0].Action).toHaveLength(STAFF_DIRECTORY_ACTIONS.length);
    for (const f of functions.filter((x) => x !== apiFn))
      expect(f.Properties.Environment?.Variables?.PIC_COGNITO_USER_POOL_ID).toBeUndefined();
  });

  it('invites staff by email, in French then English, with the temporary password', () => {
    const subject = new Capture();
    const body = new Capture();
    template.hasResourceProperties('AWS::Cognito::UserPool', {
      AdminCreateUserConfig: Match.objectLike({
        AllowAdminCreateUserOnly: true,
        InviteMessageTemplate: { EmailSubject: subject, EmailMessage: body },
      }),
      Policies: { PasswordPolicy: Match.objectLike({ TemporaryPasswordValidityDays: 7 }) },
    });
    expect(subject.asString()).toMatch(/^PIC — Votre accès .* \/ Your PIC staff access$/);
    const text = body.asString();
    expect(text).toContain('{username}');
    expect(text).toContain('{####}');
    expect(text.indexOf('Mot de passe temporaire')).toBeLessThan(text.indexOf('Temporary password'));
    expect(text).toContain('valide 7 jours');
  });

  it('serves the pages from a private bucket behind CloudFront, and alarms the coordination team', () => {
    template.hasResourceProperties('AWS::S3::Bucket', {
      PublicAccessBlockConfiguration: {
        BlockPublicAcls: true,
        BlockPublicPolicy: true,
        IgnorePublicAcls: true,
        RestrictPublicBuckets: true,
      },
    });
    template.hasResourceProperties('AWS::CloudFront::Distribution', {
      DistributionConfig: Match.objectLike({ DefaultRootObject: 'index.html' }),
    });
    template.hasResourceProperties('AWS::SNS::Subscription', { Protocol: 'email', Endpoint: 'alertes@example.org' });
    const alarms = Object.keys(template.findResources('AWS::CloudWatch::Alarm'));
    expect(alarms.length).toBeGreaterThanOrEqual(11);
    expect(alarms).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^AlarmsFailedEmails/),
        expect.stringMatching(/^AlarmsApi5xx/),
        expect.stringMatching(/^AlarmsStreamDlqDepth/),
        expect.stringMatching(/^AlarmsSchedulerFailures/),
      ]),
    );
  });

  it('passes cdk-nag AwsSolutions, every finding fixed or acknowledged with a reason', () => {
    const report = new AwsSolutionsChecks().validateScope(stack);
    const open = report.violations.map(
      (v) =>
        `${v.ruleName}: ${v.violatingResources.map((r) => `${r.resourceLogicalId} ${JSON.stringify(r.locations)}`).join(', ')}`,
    );
    expect(open).toEqual([]);
  });

  it('matches the snapshot (asset hashes masked)', () => {
    const json = JSON.stringify(template.toJSON()).replace(/[0-9a-f]{64}(\.zip|\.json)?/g, 'HASH');
    expect(JSON.parse(json)).toMatchSnapshot();
  });
});
