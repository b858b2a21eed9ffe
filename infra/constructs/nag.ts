/** cdk-nag findings we accept, each with its reason, and the logical ids their ids are written with. */
import { type CfnElement, Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

export function acknowledge(scope: IConstruct, id: string, reason: string) {
  Validations.of(scope).acknowledge({ id, reason });
}

/** `<LogicalId.Arn>` as cdk-nag names a resource's ARN in a finding id; honours an overridden logical id. */
export function arnInFinding(c: IConstruct): string {
  return `<${Stack.of(c).resolve((c.node.defaultChild as CfnElement).logicalId)}.Arn>`;
}
