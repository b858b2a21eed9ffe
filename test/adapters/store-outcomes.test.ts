/** A refused transaction says, by name, which item refused it, and brings back that item as it stood. */
import { beforeAll, describe, expect, it } from 'vitest';
import { testDeps } from '../support/harness.ts';
import { cond } from '#adapters/dynamodb/expressions';
import { currentOf, refusedBy } from '#adapters/dynamodb/store';
import type { Deps } from '#shared/ports';

let deps: Deps;
beforeAll(async () => {
  deps = await testDeps({ seed: false });
});

describe('named transaction outcomes', () => {
  it('name the item whose condition failed, with the item as it stood; other items are not blamed', async () => {
    const taken = { pk: 'T#slot', sk: 'SLOT#1', holder: 'first', version: 3 };
    await deps.store.put(taken);
    const result = await deps.store.transact([
      { name: 'other', put: { pk: 'T#other', sk: 'X', v: 1 }, when: cond.notExists() },
      { name: 'slot', put: { pk: 'T#slot', sk: 'SLOT#1', holder: 'second' }, when: cond.notExists() },
      { put: { pk: 'T#unnamed', sk: 'X' } },
    ]);
    expect(result.ok).toBe(false);
    expect(refusedBy(result, 'slot')).toBe(true);
    expect(refusedBy(result, 'other')).toBe(false);
    expect(currentOf(result, 'slot')).toEqual(taken);
    expect(currentOf(result, 'other')).toBeUndefined();
    if (!result.ok) expect(result.reasons).toEqual([null, 'condition', null]);
    // All or nothing: the item whose condition held was not written either.
    expect(await deps.store.get({ pk: 'T#other', sk: 'X' })).toBeUndefined();
  });

  it('an update refused on a version brings back the version that won', async () => {
    await deps.store.put({ pk: 'T#balance', sk: 'Y', version: 7, used: 30 });
    const result = await deps.store.transact([
      {
        name: 'balance',
        update: { pk: 'T#balance', sk: 'Y' },
        spec: { add: { used: 5 } },
        when: cond.eq('version', 6),
      },
    ]);
    expect(refusedBy(result, 'balance')).toBe(true);
    expect(currentOf<{ version: number; used: number }>(result, 'balance')).toMatchObject({ version: 7, used: 30 });
  });
});
