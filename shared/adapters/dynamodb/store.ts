import { unmarshall } from '@aws-sdk/util-dynamodb';
import {
  type AttributeValue,
  DynamoDBClient,
  TransactionCanceledException,
  ConditionalCheckFailedException,
} from '@aws-sdk/client-dynamodb';
import {
  type TransactWriteCommandInput,
  DynamoDBDocumentClient,
  GetCommand,
  PutCommand,
  UpdateCommand,
  QueryCommand,
  TransactWriteCommand,
  BatchGetCommand,
  ScanCommand,
} from '@aws-sdk/lib-dynamodb';
import { buildUpdate, placeholders, type Condition, type UpdateSpec } from './expressions.ts';
import type { IndexName } from './table.ts';
import type { TxRefusal as Reason, TxResult } from '#shared/ports';

export type { TxResult };

export type Key = { pk: string; sk: string };
export type Item = Record<string, unknown> & Key;

/**
 * One item of a transaction. A `name` makes its outcome readable by name when the transaction is refused, and
 * brings back the item as it stood when its condition failed (no second read to learn why).
 */
export type TxItem = (
  | { put: Item; when?: Condition }
  | { update: Key; spec: UpdateSpec; when?: Condition }
  | { check: Key; when: Condition }
  | { delete: Key; when?: Condition }
) & { name?: string };

export { currentOf, refusedBy } from '#shared/ports';

export type QuerySpec = {
  index?: IndexName;
  pk: string;
  skPrefix?: string;
  skFrom?: string;
  skTo?: string;
  forward?: boolean;
  limit?: number;
};

/** How long a transaction refused only by conflicts with others in flight is retried before it is reported. */
const CONFLICT_BUDGET_MS = 15_000;

/** Counts of requests sent, for benchmarks ("DynamoDB requests per quartier"). */
export type StoreStats = { requests: number; reads: number; writes: number; transactions: number };

export class Store {
  readonly doc: DynamoDBDocumentClient;
  readonly stats: StoreStats = { requests: 0, reads: 0, writes: 0, transactions: 0 };

  constructor(
    readonly tableName: string,
    client = new DynamoDBClient({ maxAttempts: 5 }),
  ) {
    this.doc = DynamoDBDocumentClient.from(client, { marshallOptions: { removeUndefinedValues: true } });
  }

  async get<T = Item>(key: Key): Promise<T | undefined> {
    this.count('reads');
    const out = await this.doc.send(new GetCommand({ TableName: this.tableName, Key: key, ConsistentRead: true }));
    return out.Item as T | undefined;
  }

  async batchGet<T = Item>(keyList: Key[]): Promise<T[]> {
    const found: T[] = [];
    for (let i = 0; i < keyList.length; i += 100) {
      let pending: Key[] = keyList.slice(i, i + 100);
      while (pending.length) {
        this.count('reads');
        const out = await this.doc.send(
          new BatchGetCommand({ RequestItems: { [this.tableName]: { Keys: pending, ConsistentRead: true } } }),
        );
        found.push(...((out.Responses?.[this.tableName] ?? []) as T[]));
        pending = (out.UnprocessedKeys?.[this.tableName]?.Keys ?? []) as Key[];
      }
    }
    return found;
  }

  /** Put; false when the condition failed. */
  async put(item: Item, when?: Condition): Promise<boolean> {
    const { p, names, values } = placeholders();
    const expr = when?.(p);
    const done = await this.conditionally(() =>
      this.doc.send(new PutCommand({ TableName: this.tableName, Item: item, ...conditionParts(expr, names, values) })),
    );
    return done !== undefined;
  }

  /** Update; the new item, or undefined when the condition failed. */
  async update<T = Item>(key: Key, spec: UpdateSpec, when?: Condition): Promise<T | undefined> {
    const { p, names, values } = placeholders();
    const update = buildUpdate(spec, p);
    const expr = when?.(p);
    const out = await this.conditionally(() =>
      this.doc.send(
        new UpdateCommand({
          TableName: this.tableName,
          Key: key,
          UpdateExpression: update,
          ...conditionParts(expr, names, values),
          ReturnValues: 'ALL_NEW',
        }),
      ),
    );
    return out?.Attributes as T | undefined;
  }

  /** One request sent, reading or writing `items` items. */
  private count(kind: 'reads' | 'writes', items = 1) {
    this.stats.requests++;
    this.stats[kind] += items;
  }

  /** A refused condition is an outcome (undefined), never an exception that leaves the adapter. */
  private async conditionally<R>(send: () => Promise<R>): Promise<R | undefined> {
    this.count('writes');
    try {
      return await send();
    } catch (e) {
      if (e instanceof ConditionalCheckFailedException) return undefined;
      throw e;
    }
  }

  async query<T = Item>(q: QuerySpec): Promise<T[]> {
    const { p, names, values } = placeholders();
    const pkAttr = q.index ? `${q.index}pk` : 'pk';
    const skAttr = q.index ? `${q.index}sk` : 'sk';
    let expr = `${p.name(pkAttr)} = ${p.value(q.pk)}`;
    if (q.skPrefix !== undefined) expr += ` AND begins_with(${p.name(skAttr)}, ${p.value(q.skPrefix)})`;
    else if (q.skFrom !== undefined && q.skTo !== undefined)
      expr += ` AND ${p.name(skAttr)} BETWEEN ${p.value(q.skFrom)} AND ${p.value(q.skTo)}`;
    else if (q.skTo !== undefined) expr += ` AND ${p.name(skAttr)} <= ${p.value(q.skTo)}`;
    else if (q.skFrom !== undefined) expr += ` AND ${p.name(skAttr)} >= ${p.value(q.skFrom)}`;
    const items: T[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      this.count('reads');
      const out = await this.doc.send(
        new QueryCommand({
          TableName: this.tableName,
          IndexName: q.index,
          KeyConditionExpression: expr,
          ExpressionAttributeNames: names,
          ExpressionAttributeValues: values,
          ScanIndexForward: q.forward ?? true,
          ExclusiveStartKey: start,
          Limit: q.limit,
        }),
      );
      items.push(...((out.Items ?? []) as T[]));
      start = out.LastEvaluatedKey;
    } while (start && (q.limit === undefined || items.length < q.limit));
    return q.limit === undefined ? items : items.slice(0, q.limit);
  }

  /**
   * Every item whose partition key starts with `pkPrefix`, read page by page. For the rare reads no index serves:
   * finding every record that holds one person's address (a privacy request, issue 19), a few times a year.
   */
  async scan<T = Item>(pkPrefix: string): Promise<T[]> {
    const items: T[] = [];
    let start: Record<string, unknown> | undefined;
    do {
      this.count('reads');
      const out = await this.doc.send(
        new ScanCommand({
          TableName: this.tableName,
          FilterExpression: 'begins_with(#pk, :prefix)',
          ExpressionAttributeNames: { '#pk': 'pk' },
          ExpressionAttributeValues: { ':prefix': pkPrefix },
          ExclusiveStartKey: start,
          ConsistentRead: true,
        }),
      );
      items.push(...((out.Items ?? []) as T[]));
      start = out.LastEvaluatedKey;
    } while (start);
    return items;
  }

  /**
   * All-or-nothing write. A refused condition is an outcome (per item), not an exception; transaction
   * conflicts with concurrent transactions are retried with jitter, and reported only if they persist.
   */
  async transact(items: TxItem[]): Promise<TxResult> {
    const input = items.map((it) => this.toTransactItem(it));
    const started = Date.now();
    for (let attempt = 0; ; attempt++) {
      this.stats.transactions++;
      this.count('writes', items.length);
      try {
        await this.doc.send(
          new TransactWriteCommand({ TransactItems: input as TransactWriteCommandInput['TransactItems'] }),
        );
        return { ok: true };
      } catch (e) {
        if (!(e instanceof TransactionCanceledException)) throw e;
        const reasons = (e.CancellationReasons ?? []).map((r) =>
          r.Code === 'ConditionalCheckFailed'
            ? ('condition' as const)
            : r.Code === 'TransactionConflict'
              ? ('conflict' as const)
              : null,
        );
        if (!reasons.includes('condition') && !reasons.includes('conflict')) throw e;
        // A conflict with another transaction in flight is not an answer: try again (jittered, growing waits)
        // for as long as a request can reasonably wait.
        const onlyConflicts = !reasons.includes('condition');
        if (onlyConflicts && Date.now() - started < CONFLICT_BUDGET_MS) {
          await sleep(Math.random() * Math.min(500, 10 * 2 ** Math.min(attempt, 6)));
          continue;
        }
        const refused: Partial<Record<string, Reason>> = {};
        const current: Partial<Record<string, Record<string, unknown>>> = {};
        (e.CancellationReasons ?? []).forEach((r, i) => {
          const name = items[i]?.name;
          if (!name || !reasons[i]) return;
          refused[name] = reasons[i]!;
          if (r.Item) current[name] = unmarshall(r.Item as Record<string, AttributeValue>);
        });
        return { ok: false, reasons, refused, current };
      }
    }
  }

  private toTransactItem(it: TxItem) {
    const { p, names, values } = placeholders();
    const withExpr = (expr: string | undefined, extra: Record<string, unknown> = {}) => ({
      TableName: this.tableName,
      ...extra,
      ...(expr !== undefined ? { ConditionExpression: expr } : {}),
      // A named item that fails its condition comes back as it stood: the caller learns why without reading again.
      ...(expr !== undefined && it.name ? { ReturnValuesOnConditionCheckFailure: 'ALL_OLD' } : {}),
      ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
      ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
    });
    if ('put' in it) {
      const expr = it.when?.(p);
      return { Put: withExpr(expr, { Item: it.put }) };
    }
    if ('update' in it) {
      const update = buildUpdate(it.spec, p);
      const expr = it.when?.(p);
      return { Update: withExpr(expr, { Key: it.update, UpdateExpression: update }) };
    }
    if ('check' in it) {
      const expr = it.when(p);
      return { ConditionCheck: withExpr(expr, { Key: it.check }) };
    }
    const expr = it.when?.(p);
    return { Delete: withExpr(expr, { Key: it.delete }) };
  }
}

function conditionParts(expr: string | undefined, names: Record<string, string>, values: Record<string, unknown>) {
  return {
    ...(expr ? { ConditionExpression: expr } : {}),
    ...(Object.keys(names).length ? { ExpressionAttributeNames: names } : {}),
    ...(Object.keys(values).length ? { ExpressionAttributeValues: values } : {}),
  };
}

export const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
