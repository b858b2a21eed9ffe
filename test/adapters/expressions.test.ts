import { beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { buildUpdate, cond, placeholders, type Condition, type UpdateSpec } from '#adapters/dynamodb/expressions';
import type { Key } from '#adapters/dynamodb/store';
import type { Deps } from '#shared/ports';
import { testDeps, uniq } from '../support/harness.ts';

/** A condition as the store sends it: the expression and its two placeholder maps. */
function render(c: Condition) {
  const { p, names, values } = placeholders();
  return { expr: c(p), names, values };
}

function renderUpdate(spec: UpdateSpec, when?: Condition) {
  const { p, names, values } = placeholders();
  const update = buildUpdate(spec, p);
  return { update, when: when?.(p), names, values };
}

/** Words DynamoDB reserves that the program's items use as attribute names (status, name, year, ttl…). */
const RESERVED = ['status', 'name', 'year', 'date', 'count', 'size', 'ttl', 'data', 'value', 'key', 'capacity'];

/** What may stand bare in an expression: placeholders, functions and operators, never an attribute name. */
const GRAMMAR = new Set([
  'SET',
  'ADD',
  'REMOVE',
  'AND',
  'OR',
  'NOT',
  'IN',
  'attribute_exists',
  'attribute_not_exists',
  'if_not_exists',
  'list_append',
  'contains',
]);
const bareWords = (expr: string) =>
  (expr.match(/[#:]?[A-Za-z_][A-Za-z0-9_]*/g) ?? []).filter((w) => !/^[#:]/.test(w) && !GRAMMAR.has(w));

describe('condition builders', () => {
  it('names every attribute and value through placeholders, one name placeholder per attribute', () => {
    const c = render(cond.and(cond.eq('status', 'open'), cond.ne('status', 'closed'), cond.gt('count', 3)));
    expect(c.expr).toBe('(#status = :v0) AND (#status <> :v1) AND (#count > :v2)');
    expect(c.names).toEqual({ '#status': 'status', '#count': 'count' });
    expect(c.values).toEqual({ ':v0': 'open', ':v1': 'closed', ':v2': 3 });
  });

  it('names each part of a nested path on its own', () => {
    const c = render(cond.and(cond.exists('settings.learning'), cond.le('settings.learning.annualMinutes', 60)));
    expect(c.expr).toBe('(attribute_exists(#settings.#learning)) AND (#settings.#learning.#annualMinutes <= :v0)');
    expect(c.names).toEqual({ '#settings': 'settings', '#learning': 'learning', '#annualMinutes': 'annualMinutes' });
  });

  it('checks the partition key by default for existence', () => {
    expect(render(cond.notExists()).expr).toBe('attribute_not_exists(#pk)');
    expect(render(cond.exists()).expr).toBe('attribute_exists(#pk)');
    expect(render(cond.notExists('nextAt')).names).toEqual({ '#nextAt': 'nextAt' });
  });

  it('groups and/or each part in parentheses, so nesting keeps its meaning', () => {
    const c = render(
      cond.and(
        cond.exists(),
        cond.or(cond.notExists('reminders'), cond.notContains('reminders', 'd-2')),
        cond.or(cond.lt('leaseUntil', 'T1'), cond.in('state', ['a', 'b'])),
      ),
    );
    expect(c.expr).toBe(
      '(attribute_exists(#pk)) AND ((attribute_not_exists(#reminders)) OR (NOT contains(#reminders, :v0)))' +
        ' AND ((#leaseUntil < :v1) OR (#state IN (:v2, :v3)))',
    );
    expect(c.values).toEqual({ ':v0': 'd-2', ':v1': 'T1', ':v2': 'a', ':v3': 'b' });
  });

  it('compares two attributes without a value', () => {
    const c = render(cond.and(cond.ltAttr('granted', 'capacity'), cond.leAttr('capacity', 'registered')));
    expect(c.expr).toBe('(#granted < #capacity) AND (#capacity <= #registered)');
    expect(c.values).toEqual({});
  });
});

describe('update builder', () => {
  it('combines SET, if-absent, append, ADD and REMOVE in one expression, values numbered once', () => {
    const u = renderUpdate(
      {
        set: { status: 'granted', note: undefined, 'data.when': 'T' },
        setIfAbsent: { createdAt: 'T0' },
        append: { history: ['granted'] },
        add: { version: 1, grantSeq: 1 },
        remove: ['gsi2pk', 'gsi2sk'],
      },
      cond.and(cond.eq('version', 4), cond.ltAttr('grantSeq', 'capacity')),
    );
    expect(u.update).toBe(
      'SET #status = :v0, #data.#when = :v1, #createdAt = if_not_exists(#createdAt, :v2),' +
        ' #history = list_append(if_not_exists(#history, :v3), :v4)' +
        ' ADD #version :v5, #grantSeq :v6 REMOVE #gsi2pk, #gsi2sk',
    );
    // The condition shares the update's placeholders: its value follows on, its names are the same keys.
    expect(u.when).toBe('(#version = :v7) AND (#grantSeq < #capacity)');
    expect(u.values).toEqual({
      ':v0': 'granted',
      ':v1': 'T',
      ':v2': 'T0',
      ':v3': [],
      ':v4': ['granted'],
      ':v5': 1,
      ':v6': 1,
      ':v7': 4,
    });
    expect(Object.values(u.names).sort()).toEqual(
      ['capacity', 'createdAt', 'data', 'grantSeq', 'gsi2pk', 'gsi2sk', 'history', 'status', 'version', 'when'].sort(),
    );
  });

  it('writes only the clauses it is given, and nothing for an empty spec', () => {
    expect(renderUpdate({ remove: ['lastError'] }).update).toBe('REMOVE #lastError');
    expect(renderUpdate({ add: { n: -1 } }).update).toBe('ADD #n :v0');
    expect(renderUpdate({ set: { a: undefined } }).update).toBe('');
    expect(renderUpdate({}).update).toBe('');
  });

  it('never leaves an attribute name bare, whatever the names (reserved words included)', () => {
    const attr = fc.oneof(fc.constantFrom(...RESERVED), fc.stringMatching(/^[A-Za-z_][A-Za-z0-9_]{0,11}$/));
    const path = fc.array(attr, { minLength: 1, maxLength: 3 }).map((parts) => parts.join('.'));
    fc.assert(
      fc.property(
        fc.dictionary(path, fc.integer()),
        fc.dictionary(path, fc.integer()),
        fc.array(path, { maxLength: 3 }),
        path,
        (set, add, remove, checked) => {
          const u = renderUpdate({ set, add, remove }, cond.or(cond.eq(checked, 1), cond.notExists(checked)));
          for (const expr of [u.update, u.when ?? '']) expect(bareWords(expr)).toEqual([]);
          // Every placeholder used is defined, and stands for the attribute it was made for.
          for (const ph of `${u.update} ${u.when}`.match(/#[A-Za-z0-9_]+/g) ?? [])
            expect(u.names[ph], ph).toBe(ph.slice(1));
          for (const ph of `${u.update} ${u.when}`.match(/:v\d+/g) ?? []) expect(u.values).toHaveProperty([ph]);
        },
      ),
    );
  });
});

describe('the same expressions against DynamoDB Local', () => {
  let deps: Deps;
  beforeAll(async () => {
    deps = await testDeps({ seed: false });
  });
  // The table is this file's own: these keys name nothing of the program's (its keys live in keys.ts).
  const key = (): Key => ({ pk: `EXPR#${uniq()}`, sk: 'ITEM' });

  it('a put that must not overwrite is refused the second time, and the first item stays', async () => {
    const k = key();
    expect(await deps.store.put({ ...k, status: 'first' }, cond.notExists())).toBe(true);
    expect(await deps.store.put({ ...k, status: 'second' }, cond.notExists())).toBe(false);
    expect(await deps.store.get(k)).toMatchObject({ status: 'first' });
  });

  it('an attribute-to-attribute condition admits while there is room and refuses when full', async () => {
    const k = key();
    await deps.store.put({ ...k, status: 'open', granted: 0, capacity: 2 });
    const claim = () =>
      deps.store.update(
        k,
        { add: { granted: 1 } },
        cond.and(cond.eq('status', 'open'), cond.ltAttr('granted', 'capacity')),
      );
    expect(await claim()).toMatchObject({ granted: 1 });
    expect(await claim()).toMatchObject({ granted: 2 });
    expect(await claim()).toBeUndefined();
    await deps.store.update(k, { set: { status: 'closed' }, add: { capacity: 1 } });
    expect(await claim()).toBeUndefined(); // room again, but no longer open
    expect(await deps.store.get(k)).toMatchObject({ granted: 2, capacity: 3 });
  });

  it('or / not contains: a reminder is recorded once', async () => {
    const k = key();
    await deps.store.put({ ...k });
    const remind = (due: string) =>
      deps.store.update(
        k,
        { append: { reminders: [due] } },
        cond.or(cond.notExists('reminders'), cond.notContains('reminders', due)),
      );
    expect(await remind('d-7')).toMatchObject({ reminders: ['d-7'] });
    expect(await remind('d-7')).toBeUndefined();
    expect(await remind('d-2')).toMatchObject({ reminders: ['d-7', 'd-2'] });
  });

  it('reserved words and nested paths are accepted in updates and conditions alike', async () => {
    const k = key();
    // Strings: a number under `ttl` would be an expiry date to the table.
    const reserved = Object.fromEntries(RESERVED.map((w, i) => [w, `v${i}`]));
    await deps.store.put({ ...k, ...reserved, data: { count: 1, value: 'a' } });
    const after = await deps.store.update(
      k,
      { set: { status: 'done', count: 'c', 'data.value': 'b' }, add: { 'data.count': 2 }, remove: ['ttl', 'size'] },
      cond.and(...RESERVED.filter((w) => w !== 'data').map((w) => cond.eq(w, reserved[w])), cond.eq('data.count', 1)),
    );
    expect(after).toMatchObject({ status: 'done', count: 'c', year: reserved.year, data: { count: 3, value: 'b' } });
    expect(after).not.toHaveProperty('ttl');
    expect(after).not.toHaveProperty('size');
    // The same condition no longer holds: refused, nothing written.
    expect(await deps.store.update(k, { set: { status: 'again' } }, cond.eq('data.count', 1))).toBeUndefined();
    expect(await deps.store.get(k)).toMatchObject({ status: 'done' });
  });

  it('in a transaction, the refused item is the one whose condition failed, and nothing is written', async () => {
    const [a, b] = [key(), key()];
    await deps.store.put({ ...a, state: 'waiting', version: 1 });
    await deps.store.put({ ...b, state: 'taken', version: 1 });
    const take = (k: Key) => ({
      update: k,
      spec: { set: { state: 'taken' }, add: { version: 1 } },
      when: cond.and(cond.in('state', ['waiting', 'offered']), cond.eq('version', 1)),
    });
    expect(await deps.store.transact([take(a), take(b)])).toMatchObject({ ok: false, reasons: [null, 'condition'] });
    expect(await deps.store.get(a)).toMatchObject({ state: 'waiting', version: 1 });
    expect(await deps.store.transact([take(a), { check: b, when: cond.eq('state', 'taken') }])).toEqual({ ok: true });
    expect(await deps.store.get(a)).toMatchObject({ state: 'taken', version: 2 });
  });
});
