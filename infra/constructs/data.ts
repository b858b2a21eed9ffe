/** The one table (shared/adapters/dynamodb/table.ts) and the key that signs emailed links. */
import { type CfnElement, RemovalPolicy } from 'aws-cdk-lib';
import { AttributeType, Billing, ProjectionType, StreamViewType, TableV2 } from 'aws-cdk-lib/aws-dynamodb';
import { Secret } from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { TABLE_DEFINITION as d } from '../../shared/adapters/dynamodb/table.ts';
import { acknowledge } from './nag.ts';

/**
 * The logical id the table had when it sat at the stack's top level. CloudFormation replaces a resource whose
 * logical id changes, and a replaced table is a new, empty one: this id must never change.
 */
export const TABLE_LOGICAL_ID = 'TableCD117FA1';

export class Data extends Construct {
  readonly table: TableV2;
  readonly linkSecret: Secret;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    this.table = new TableV2(this, 'Table', {
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
    (this.table.node.defaultChild as CfnElement).overrideLogicalId(TABLE_LOGICAL_ID);

    this.linkSecret = new Secret(this, 'LinkSecret', {
      description: 'Signs accept/decline, cancel and mailing-list links',
      generateSecretString: { passwordLength: 48, excludePunctuation: true },
    });
    acknowledge(
      this.linkSecret,
      'AwsSolutions-SMG4',
      'Rotating the link key would invalidate every accept/decline and cancel link already emailed; it is rotated by hand with a notice.',
    );
  }
}
