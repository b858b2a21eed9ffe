/**
 * The one Lambda construct: Node 24 on arm64, JSON logs with a retention, esbuild bundling as infra/bundling.ts
 * says (no Docker), and `use…` helpers that grant exactly one capability and set the environment variable it needs.
 */
import { Duration, RemovalPolicy } from 'aws-cdk-lib';
import { Architecture, LoggingFormat, Runtime } from 'aws-cdk-lib/aws-lambda';
import { NodejsFunction, OutputFormat } from 'aws-cdk-lib/aws-lambda-nodejs';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { PolicyStatement } from 'aws-cdk-lib/aws-iam';
import type { ITableV2 } from 'aws-cdk-lib/aws-dynamodb';
import type { ISecret } from 'aws-cdk-lib/aws-secretsmanager';
import type { IUserPool } from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import { join } from 'node:path';
import { ENV } from '../../shared/config.ts';
import { BUNDLE } from '../bundling.ts';
import { acknowledge, arnInFinding } from './nag.ts';

const ROOT = join(import.meta.dirname, '..', '..');

export type AppFunctionProps = {
  entry: string;
  description: string;
  memorySize?: number;
  timeout?: Duration;
  environment?: Record<string, string>;
  reservedConcurrentExecutions?: number;
};

/** What shared/adapters/cognito/staff-directory.ts calls: invite, list, revoke. Nothing else on the pool. */
export const STAFF_DIRECTORY_ACTIONS = [
  'cognito-idp:AdminCreateUser',
  'cognito-idp:AdminAddUserToGroup',
  'cognito-idp:ListUsers',
  'cognito-idp:ListUsersInGroup',
  'cognito-idp:AdminDisableUser',
  'cognito-idp:AdminListGroupsForUser',
  'cognito-idp:AdminRemoveUserFromGroup',
] as const;

export type MailGrant = { identityArn: string; configurationSetArn: string; configurationSetName: string };

export class AppFunction extends Construct {
  readonly fn: NodejsFunction;
  readonly logGroup: LogGroup;

  constructor(scope: Construct, id: string, props: AppFunctionProps) {
    super(scope, id);
    this.logGroup = new LogGroup(this, 'Logs', {
      retention: RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });
    this.fn = new NodejsFunction(this, 'Fn', {
      entry: join(ROOT, props.entry),
      handler: 'handler',
      description: props.description,
      runtime: Runtime.NODEJS_24_X,
      architecture: Architecture.ARM_64,
      memorySize: props.memorySize ?? 512,
      timeout: props.timeout ?? Duration.seconds(29),
      reservedConcurrentExecutions: props.reservedConcurrentExecutions,
      loggingFormat: LoggingFormat.JSON,
      logGroup: this.logGroup,
      projectRoot: ROOT,
      depsLockFilePath: join(ROOT, 'package-lock.json'),
      environment: {
        PIC_LOG_LEVEL: 'INFO',
        ...props.environment,
      },
      bundling: {
        target: 'node24',
        format: OutputFormat.CJS,
        mainFields: [...BUNDLE.mainFields],
        minify: false,
        esbuildArgs: { '--minify-whitespace': BUNDLE.minifyWhitespace, '--minify-syntax': BUNDLE.minifySyntax },
        sourceMap: false,
        externalModules: [],
        forceDockerBundling: false,
      },
    });
    acknowledge(
      this,
      'AwsSolutions-IAM4[Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole]',
      'Only lets the function write its own logs.',
    );
  }

  /** Read or read-write access to the table, and its name. */
  useTable(table: ITableV2, access: 'read' | 'readWrite') {
    if (access === 'read') table.grantReadData(this.fn);
    else table.grantReadWriteData(this.fn);
    this.fn.addEnvironment(ENV.table, table.tableName);
    acknowledge(
      this,
      `AwsSolutions-IAM5[Resource::${arnInFinding(table)}/index/*]`,
      "The table's own two indexes, which the use cases query.",
    );
    return this;
  }

  /** Sending through SES with the configuration set, from the configured sender identity only. */
  useMail(opts: MailGrant) {
    this.fn.addToRolePolicy(
      new PolicyStatement({ actions: ['ses:SendRawEmail'], resources: [opts.identityArn, opts.configurationSetArn] }),
    );
    this.fn.addEnvironment(ENV.sesConfigurationSet, opts.configurationSetName);
    return this;
  }

  /** The link-signing key, read once at cold start. */
  useLinkSecret(secret: ISecret) {
    secret.grantRead(this.fn);
    this.fn.addEnvironment(ENV.linkSecretArn, secret.secretArn);
    return this;
  }

  /** Inviting, listing and revoking staff accounts in the user pool, and the pool's id. */
  useStaffDirectory(pool: IUserPool) {
    pool.grant(this.fn, ...STAFF_DIRECTORY_ACTIONS);
    this.fn.addEnvironment(ENV.cognitoUserPoolId, pool.userPoolId);
    return this;
  }
}
