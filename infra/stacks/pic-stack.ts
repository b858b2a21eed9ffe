/** Everything the PIC system needs in one AWS account and region (ca-central-1 by default). */
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import {
  CfnOutput,
  Duration,
  RemovalPolicy,
  Stack,
  TimeZone,
  Token,
  Validations,
  type CfnElement,
  type StackProps,
} from 'aws-cdk-lib';
import { AttributeType, Billing, StreamViewType, TableV2, ProjectionType } from 'aws-cdk-lib/aws-dynamodb';
import { CorsHttpMethod, HttpApi, HttpMethod, HttpStage, LogGroupLogDestination } from 'aws-cdk-lib/aws-apigatewayv2';
import { AccessLogFormat } from 'aws-cdk-lib/aws-apigateway';
import { HttpLambdaIntegration } from 'aws-cdk-lib/aws-apigatewayv2-integrations';
import { HttpJwtAuthorizer } from 'aws-cdk-lib/aws-apigatewayv2-authorizers';
import { CfnUserPoolGroup, UserPool, AccountRecovery, Mfa, OAuthScope } from 'aws-cdk-lib/aws-cognito';
import { Bucket, BlockPublicAccess, BucketEncryption } from 'aws-cdk-lib/aws-s3';
import { BucketDeployment, Source } from 'aws-cdk-lib/aws-s3-deployment';
import {
  AllowedMethods,
  CachePolicy,
  Distribution,
  OriginRequestPolicy,
  ViewerProtocolPolicy,
} from 'aws-cdk-lib/aws-cloudfront';
import { HttpOrigin, S3BucketOrigin } from 'aws-cdk-lib/aws-cloudfront-origins';
import { Schedule, ScheduleExpression, ScheduleTargetInput } from 'aws-cdk-lib/aws-scheduler';
import { LambdaInvoke } from 'aws-cdk-lib/aws-scheduler-targets';
import { Queue, QueueEncryption } from 'aws-cdk-lib/aws-sqs';
import { DynamoEventSource, SqsDlq } from 'aws-cdk-lib/aws-lambda-event-sources';
import { FilterCriteria, FilterRule, StartingPosition } from 'aws-cdk-lib/aws-lambda';
import { ConfigurationSet } from 'aws-cdk-lib/aws-ses';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Topic } from 'aws-cdk-lib/aws-sns';
import { EmailSubscription } from 'aws-cdk-lib/aws-sns-subscriptions';
import { Alarm, ComparisonOperator, Metric, TreatMissingData } from 'aws-cdk-lib/aws-cloudwatch';
import { SnsAction } from 'aws-cdk-lib/aws-cloudwatch-actions';
import { FilterPattern, LogGroup, MetricFilter, RetentionDays } from 'aws-cdk-lib/aws-logs';
import type { Construct } from 'constructs';
import { TABLE_DEFINITION } from '../../shared/adapters/dynamodb/table.ts';
import { DEFAULT_SETTINGS } from '../../shared/domain/settings.ts';
import { JOBS } from '../../shared/jobs.ts';
import { AppFunction } from '../constructs/app-function.ts';
import { ENV } from '../../shared/config.ts';

export type PicStackProps = StackProps & {
  stage: string;
  /** The sender identity verified in SES (domain or address). */
  mailFrom: string;
  teamEmail: string;
  alarmEmail?: string;
  /** Routes the API answers, with their auth: the staff ones get the JWT authorizer. */
  apiRoutes: Array<{ method: string; path: string; auth: string }>;
};

export class PicStack extends Stack {
  constructor(scope: Construct, id: string, props: PicStackProps) {
    super(scope, id, props);
    const ack = (c: Construct, id: string, reason: string) => Validations.of(c).acknowledge({ id, reason });

    // ---- data -------------------------------------------------------------------------------
    const d = TABLE_DEFINITION;
    const table = new TableV2(this, 'Table', {
      partitionKey: { name: d.partitionKey, type: AttributeType.STRING },
      sortKey: { name: d.sortKey, type: AttributeType.STRING },
      globalSecondaryIndexes: d.globalIndexes.map((g) => ({
        indexName: g.indexName,
        partitionKey: { name: g.partitionKey, type: AttributeType.STRING },
        sortKey: { name: g.sortKey, type: AttributeType.STRING },
        projectionType: ProjectionType.ALL,
      })),
      billing: Billing.onDemand(),
      dynamoStream: StreamViewType[d.streamView],
      timeToLiveAttribute: d.ttlAttribute,
      pointInTimeRecoverySpecification: { pointInTimeRecoveryEnabled: true },
      deletionProtection: true,
      removalPolicy: RemovalPolicy.RETAIN,
    });

    const linkSecret = new Secret(this, 'LinkSecret', {
      description: 'Signs accept/decline, cancel and mailing-list links',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    ack(
      linkSecret,
      'AwsSolutions-SMG4',
      'Rotating the link key would invalidate every accept/decline and cancel link already emailed; it is rotated by hand with a notice.',
    );

    // ---- web site ---------------------------------------------------------------------------
    const site = new Bucket(this, 'Site', {
      blockPublicAccess: BlockPublicAccess.BLOCK_ALL,
      encryption: BucketEncryption.S3_MANAGED,
      enforceSSL: true,
      removalPolicy: RemovalPolicy.DESTROY,
      autoDeleteObjects: true,
    });
    ack(
      site,
      'AwsSolutions-S1',
      'Static public pages only; CloudFront is the only reader (OAC), and its requests are what matter.',
    );

    // ---- identity ---------------------------------------------------------------------------
    const users = new UserPool(this, 'Users', {
      selfSignUpEnabled: false,
      signInAliases: { email: true },
      mfa: Mfa.OPTIONAL,
      mfaSecondFactor: { otp: true, sms: false },
      passwordPolicy: {
        minLength: 12,
        requireDigits: true,
        requireLowercase: true,
        requireUppercase: true,
        requireSymbols: true,
      },
      accountRecovery: AccountRecovery.EMAIL_ONLY,
      removalPolicy: RemovalPolicy.RETAIN,
    });
    ack(
      users,
      'AwsSolutions-COG2',
      'MFA is offered (TOTP); a handful of staff accounts, enforced by policy rather than by the pool.',
    );
    ack(
      users,
      'AwsSolutions-COG3',
      'Advanced security (Plus plan) is not needed for a few staff accounts created by the coordination team.',
    );
    ack(
      users,
      'AwsSolutions-COG8',
      'The Plus feature plan is not needed for a few staff accounts created by the coordination team.',
    );
    const domain = users.addDomain('Domain', {
      cognitoDomain: { domainPrefix: `pic-${props.stage}-${this.account}`.slice(0, 60) },
    });
    for (const group of ['coordination', 'partner-dynamo', 'partner-niska', 'partner-yann-pezzini']) {
      new CfnUserPoolGroup(this, `Group-${group}`, { userPoolId: users.userPoolId, groupName: group });
    }

    // ---- functions --------------------------------------------------------------------------
    const sesIdentityArn = `arn:${this.partition}:ses:${this.region}:${this.account}:identity/${props.mailFrom.split('@').pop()}`;
    const configurationSet = new ConfigurationSet(this, 'MailConfig', {
      reputationMetrics: true,
      sendingEnabled: true,
    });
    const mail = {
      identityArn: sesIdentityArn,
      configurationSetArn: `arn:${this.partition}:ses:${this.region}:${this.account}:configuration-set/${configurationSet.configurationSetName}`,
      configurationSetName: configurationSet.configurationSetName,
    };

    const distribution = new Distribution(this, 'Cdn', {
      defaultRootObject: 'index.html',
      defaultBehavior: {
        origin: S3BucketOrigin.withOriginAccessControl(site),
        viewerProtocolPolicy: ViewerProtocolPolicy.REDIRECT_TO_HTTPS,
      },
    });
    const siteUrl = `https://${distribution.distributionDomainName}`;

    const client = users.addClient('Web', {
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [OAuthScope.OPENID, OAuthScope.EMAIL],
        callbackUrls: [`${siteUrl}/`],
        logoutUrls: [`${siteUrl}/`],
      },
      preventUserExistenceErrors: true,
    });
    const issuer = `https://cognito-idp.${this.region}.amazonaws.com/${users.userPoolId}`;

    const common = {
      [ENV.publicBaseUrl]: siteUrl,
      [ENV.mailFrom]: props.mailFrom,
      [ENV.teamEmail]: props.teamEmail,
      [ENV.cognitoIssuer]: issuer,
      [ENV.cognitoClientId]: client.userPoolClientId,
    };
    const fn = (
      id: string,
      entry: string,
      description: string,
      extra: Partial<ConstructorParameters<typeof AppFunction>[2]> = {},
    ) => new AppFunction(this, id, { entry, description, environment: common, ...extra });

    const api = fn('ApiFn', 'functions/api/handler.ts', 'HTTP API')
      .useTable(table, 'readWrite')
      .useLinkSecret(linkSecret);
    // One consumer at a time: the configured SES send rate then holds for the whole system.
    const notifier = fn('NotifierFn', 'functions/notifier/handler.ts', 'Outbox delivery from the table stream', {
      reservedConcurrentExecutions: 1,
      timeout: Duration.minutes(5),
    })
      .useTable(table, 'readWrite')
      .useMail(mail);
    const sweep = fn('OutboxSweepFn', JOBS['outbox-sweep'].entry, JOBS['outbox-sweep'].description, {
      timeout: Duration.minutes(5),
    })
      .useTable(table, 'readWrite')
      .useMail(mail);
    const daily = fn('DailyFn', JOBS.daily.entry, JOBS.daily.description, { timeout: Duration.minutes(15) })
      .useTable(table, 'readWrite')
      .useLinkSecret(linkSecret);
    const openYear = fn('OpenYearFn', JOBS['open-year'].entry, JOBS['open-year'].description, {
      timeout: Duration.minutes(15),
      memorySize: 1024,
    }).useTable(table, 'readWrite');
    const expireOffers = fn('ExpireOffersFn', JOBS['expire-offers'].entry, JOBS['expire-offers'].description).useTable(
      table,
      'readWrite',
    );
    const functions = [api, notifier, sweep, daily, openYear, expireOffers];
    const arnOf = (c: Construct) => `<${this.getLogicalId(c.node.defaultChild as CfnElement)}.Arn>`;
    ack(
      this,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'Only lets each function write its own logs.',
    );
    ack(
      this,
      `AwsSolutions-IAM5[Resource::${arnOf(table)}/index/*]`,
      "The table's own two indexes, which the use cases query.",
    );

    // ---- the stream consumer ----------------------------------------------------------------
    const streamDlq = this.deadLetterQueue('StreamDlq', ack);
    notifier.fn.addEventSource(
      new DynamoEventSource(table, {
        startingPosition: StartingPosition.TRIM_HORIZON,
        batchSize: 25,
        bisectBatchOnError: true,
        retryAttempts: 10,
        reportBatchItemFailures: true,
        onFailure: new SqsDlq(streamDlq),
        filters: [FilterCriteria.filter({ dynamodb: { Keys: { pk: { S: FilterRule.beginsWith('OUTBOX#') } } } })],
      }),
    );

    // ---- HTTP API ---------------------------------------------------------------------------
    const siteOrigin = this.node.tryGetContext('siteOrigin') as string | undefined;
    const httpApi = new HttpApi(this, 'Api', {
      createDefaultStage: false,
      // The pages call the API through CloudFront (same origin); other origins are refused unless configured.
      corsPreflight: siteOrigin
        ? {
            allowOrigins: [siteOrigin],
            allowMethods: [CorsHttpMethod.GET, CorsHttpMethod.POST, CorsHttpMethod.PATCH, CorsHttpMethod.OPTIONS],
            allowHeaders: ['content-type', 'authorization', 'idempotency-key', 'x-status-token', 'accept-language'],
          }
        : undefined,
    });
    const accessLogs = new LogGroup(this, 'ApiAccessLogs', {
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    new HttpStage(this, 'ApiStage', {
      httpApi,
      stageName: '$default',
      autoDeploy: true,
      throttle: { rateLimit: 50, burstLimit: 100 },
      accessLogSettings: {
        destination: new LogGroupLogDestination(accessLogs),
        format: AccessLogFormat.jsonWithStandardFields(),
      },
    });
    const integration = new HttpLambdaIntegration('ApiIntegration', api.fn);
    const authorizer = new HttpJwtAuthorizer('Cognito', issuer, { jwtAudience: [client.userPoolClientId] });
    for (const r of props.apiRoutes.filter((x) => x.auth !== 'public')) {
      httpApi.addRoutes({ path: r.path, methods: [r.method as HttpMethod], integration, authorizer });
    }
    // Public routes (and unknown ones, which the handler answers with 404) need no sign-in.
    httpApi.addRoutes({ path: '/api/{proxy+}', methods: [HttpMethod.ANY], integration });
    ack(
      httpApi,
      'AwsSolutions-APIG4',
      'Public routes (forms, status with its token, catalogue) are open by design; staff routes use the Cognito JWT authorizer.',
    );

    distribution.addBehavior('/api/*', new HttpOrigin(`${httpApi.apiId}.execute-api.${this.region}.amazonaws.com`), {
      allowedMethods: AllowedMethods.ALLOW_ALL,
      cachePolicy: CachePolicy.CACHING_DISABLED,
      originRequestPolicy: OriginRequestPolicy.ALL_VIEWER_EXCEPT_HOST_HEADER,
      viewerProtocolPolicy: ViewerProtocolPolicy.HTTPS_ONLY,
    });
    ack(
      distribution,
      'AwsSolutions-CFR1',
      'The quartiers are in Montreal, but partners and staff travel; no geo restriction.',
    );
    ack(
      distribution,
      'AwsSolutions-CFR2',
      'API throttling and validation protect the origin; a WAF can be added when traffic calls for it.',
    );
    ack(
      distribution,
      'AwsSolutions-CFR3',
      'API access logs are kept at the API stage; CloudFront standard logs would duplicate them.',
    );
    ack(
      distribution,
      'AwsSolutions-CFR4',
      'The default CloudFront certificate is used until a custom domain (with its ACM certificate and TLS 1.2 policy) is attached.',
    );

    const webDist = join(import.meta.dirname, '..', '..', 'web', 'dist');
    if (existsSync(webDist)) {
      // config.json tells the pages where Cognito's hosted sign-in is (resolved at deploy time).
      const webConfig = Source.jsonData('config.json', {
        cognitoDomain: `${domain.domainName}.auth.${this.region}.amazoncognito.com`,
        clientId: client.userPoolClientId,
        redirectUri: `${siteUrl}/`,
      });
      new BucketDeployment(this, 'SiteDeployment', {
        sources: [Source.asset(webDist), webConfig],
        destinationBucket: site,
        distribution,
        distributionPaths: ['/*'],
      });
      const deployer = this.node.children.find((c) => c.node.id.startsWith('Custom::CDKBucketDeployment'))!;
      ack(deployer, 'AwsSolutions-L1', "CDK's own deployment helper; its runtime follows the CDK version.");
      for (const finding of [
        'Action::s3:Abort*',
        'Action::s3:DeleteObject*',
        'Action::s3:GetBucket*',
        'Action::s3:GetObject*',
        'Action::s3:List*',
        'Resource::*',
        `Resource::${arnOf(site)}/*`,
      ]) {
        ack(
          deployer,
          `AwsSolutions-IAM5[${finding}]`,
          "CDK's deployment helper copies the built pages into the site bucket and invalidates CloudFront.",
        );
      }
      ack(
        deployer,
        `AwsSolutions-IAM5[Resource::arn:<AWS::Partition>:s3:::cdk-hnb659fds-assets-${Token.isUnresolved(this.account) ? '<AWS::AccountId>' : this.account}-${this.region}/*]`,
        "CDK's deployment helper reads the pages from the bootstrap assets bucket.",
      );
    }

    // ---- schedules (America/Montreal) -------------------------------------------------------
    const schedulerDlq = this.deadLetterQueue('SchedulerDlq', ack);
    const zone = TimeZone.of('America/Montreal');
    const { month, day } = DEFAULT_SETTINGS.yearStart;
    const invoke = (f: AppFunction, input?: Record<string, unknown>) =>
      new LambdaInvoke(f.fn, {
        retryAttempts: 3,
        maxEventAge: Duration.hours(6),
        deadLetterQueue: schedulerDlq,
        input: input ? ScheduleTargetInput.fromObject(input) : undefined,
      });
    new Schedule(this, 'OpenYearSchedule', {
      description: JOBS['open-year'].description,
      schedule: ScheduleExpression.cron({
        minute: '5',
        hour: '0',
        day: String(day),
        month: String(month),
        timeZone: zone,
      }),
      target: invoke(openYear, { dryRun: false }),
    });
    new Schedule(this, 'DailySchedule', {
      description: JOBS.daily.description,
      schedule: ScheduleExpression.cron({ minute: '0', hour: '7', timeZone: zone }),
      target: invoke(daily),
    });
    new Schedule(this, 'OutboxSweepSchedule', {
      description: JOBS['outbox-sweep'].description,
      schedule: ScheduleExpression.rate(Duration.minutes(1)),
      target: invoke(sweep),
    });
    for (const f of [openYear, daily, sweep, expireOffers])
      ack(
        this,
        `AwsSolutions-IAM5[Resource::${arnOf(f.fn)}:*]`,
        "The scheduler's role may invoke this function's versions, as CDK grants it.",
      );
    new Schedule(this, 'ExpireOffersSchedule', {
      description: JOBS['expire-offers'].description,
      schedule: ScheduleExpression.rate(Duration.minutes(15)),
      target: invoke(expireOffers),
    });

    // ---- alarms to the coordination team ----------------------------------------------------
    const alarms = new Topic(this, 'Alarms', { displayName: 'PIC alarms', enforceSSL: true });
    ack(
      alarms,
      'AwsSolutions-SNS2',
      'CloudWatch alarms cannot publish to a topic encrypted with the AWS-managed key; alarm texts carry no personal data.',
    );
    if (props.alarmEmail) alarms.addSubscription(new EmailSubscription(props.alarmEmail));
    const alarm = (
      id: string,
      metric: Metric | ReturnType<Queue['metricApproximateNumberOfMessagesVisible']>,
      description: string,
    ) =>
      new Alarm(this, id, {
        metric,
        threshold: 0,
        comparisonOperator: ComparisonOperator.GREATER_THAN_THRESHOLD,
        evaluationPeriods: 1,
        treatMissingData: TreatMissingData.NOT_BREACHING,
        alarmDescription: description,
      }).addAlarmAction(new SnsAction(alarms));
    for (const f of functions)
      alarm(`${f.node.id}Errors`, f.fn.metricErrors({ period: Duration.minutes(5) }) as Metric, `${f.node.id} threw`);
    alarm(
      'StreamDlqDepth',
      streamDlq.metricApproximateNumberOfMessagesVisible(),
      'Stream records the notifier could not process',
    );
    alarm(
      'SchedulerDlqDepth',
      schedulerDlq.metricApproximateNumberOfMessagesVisible(),
      'Scheduled runs that failed all retries',
    );
    alarm('Api5xx', httpApi.metricServerError({ period: Duration.minutes(5) }) as Metric, 'API answered 5xx');
    alarm(
      'SchedulerFailures',
      new Metric({
        namespace: 'AWS/Scheduler',
        metricName: 'TargetErrorCount',
        statistic: 'Sum',
        period: Duration.minutes(5),
      }),
      'Scheduler could not invoke a job',
    );
    for (const f of [notifier, sweep]) {
      new MetricFilter(this, `${f.node.id}FailedEmails`, {
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
    alarm(
      'FailedEmails',
      new Metric({ namespace: 'PIC', metricName: 'FailedEmails', statistic: 'Sum', period: Duration.minutes(5) }),
      'Emails parked as failed after every retry',
    );

    new CfnOutput(this, 'SiteUrl', { value: siteUrl });
    new CfnOutput(this, 'ApiUrl', { value: httpApi.apiEndpoint });
    new CfnOutput(this, 'UserPoolId', { value: users.userPoolId });
    new CfnOutput(this, 'TableName', { value: table.tableName });
  }

  private deadLetterQueue(id: string, ack: (c: Construct, id: string, reason: string) => void) {
    const q = new Queue(this, id, {
      encryption: QueueEncryption.SQS_MANAGED,
      enforceSSL: true,
      retentionPeriod: Duration.days(14),
    });
    ack(q, 'AwsSolutions-SQS3', 'This queue is itself a dead-letter queue.');
    return q;
  }
}
