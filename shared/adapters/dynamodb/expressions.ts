/**
 * Condition and update expressions built from named parts, always through attribute-name and value
 * placeholders, so no use case concatenates expression strings.
 */
export type Placeholders = { name(attr: string): string; value(v: unknown): string };
export type Condition = (p: Placeholders) => string;

const path = (p: Placeholders, attr: string) =>
  attr
    .split('.')
    .map((part) => p.name(part))
    .join('.');

export const cond = {
  notExists:
    (attr = 'pk'): Condition =>
    (p) =>
      `attribute_not_exists(${path(p, attr)})`,
  exists:
    (attr = 'pk'): Condition =>
    (p) =>
      `attribute_exists(${path(p, attr)})`,
  eq:
    (attr: string, v: unknown): Condition =>
    (p) =>
      `${path(p, attr)} = ${p.value(v)}`,
  ne:
    (attr: string, v: unknown): Condition =>
    (p) =>
      `${path(p, attr)} <> ${p.value(v)}`,
  lt:
    (attr: string, v: unknown): Condition =>
    (p) =>
      `${path(p, attr)} < ${p.value(v)}`,
  le:
    (attr: string, v: unknown): Condition =>
    (p) =>
      `${path(p, attr)} <= ${p.value(v)}`,
  gt:
    (attr: string, v: unknown): Condition =>
    (p) =>
      `${path(p, attr)} > ${p.value(v)}`,
  /** attr < other attribute (e.g. granted < capacity), decided by the store. */
  ltAttr:
    (attr: string, other: string): Condition =>
    (p) =>
      `${path(p, attr)} < ${path(p, other)}`,
  in:
    (attr: string, values: unknown[]): Condition =>
    (p) =>
      `${path(p, attr)} IN (${values.map((v) => p.value(v)).join(', ')})`,
  notContains:
    (attr: string, v: unknown): Condition =>
    (p) =>
      `NOT contains(${path(p, attr)}, ${p.value(v)})`,
  and:
    (...parts: Condition[]): Condition =>
    (p) =>
      parts.map((c) => `(${c(p)})`).join(' AND '),
  or:
    (...parts: Condition[]): Condition =>
    (p) =>
      parts.map((c) => `(${c(p)})`).join(' OR '),
};

export type UpdateSpec = {
  set?: Record<string, unknown>;
  /** Numeric increments (ADD). */
  add?: Record<string, number>;
  /** Set only when the attribute is absent. */
  setIfAbsent?: Record<string, unknown>;
  /** Append to a list attribute (created when absent). */
  append?: Record<string, unknown[]>;
  remove?: string[];
};

export function placeholders() {
  const names: Record<string, string> = {};
  const values: Record<string, unknown> = {};
  let n = 0;
  const p: Placeholders = {
    name(attr) {
      const key = `#${attr.replace(/[^A-Za-z0-9_]/g, '_')}`;
      names[key] = attr;
      return key;
    },
    value(v) {
      const key = `:v${n++}`;
      values[key] = v;
      return key;
    },
  };
  return { p, names, values };
}

export function buildUpdate(spec: UpdateSpec, p: Placeholders): string {
  const sets: string[] = [];
  for (const [k, v] of Object.entries(spec.set ?? {})) if (v !== undefined) sets.push(`${path(p, k)} = ${p.value(v)}`);
  for (const [k, v] of Object.entries(spec.setIfAbsent ?? {}))
    sets.push(`${path(p, k)} = if_not_exists(${path(p, k)}, ${p.value(v)})`);
  for (const [k, v] of Object.entries(spec.append ?? {}))
    sets.push(`${path(p, k)} = list_append(if_not_exists(${path(p, k)}, ${p.value([])}), ${p.value(v)})`);
  const adds = Object.entries(spec.add ?? {}).map(([k, v]) => `${path(p, k)} ${p.value(v)}`);
  const parts: string[] = [];
  if (sets.length) parts.push(`SET ${sets.join(', ')}`);
  if (adds.length) parts.push(`ADD ${adds.join(', ')}`);
  if (spec.remove?.length) parts.push(`REMOVE ${spec.remove.map((k) => path(p, k)).join(', ')}`);
  return parts.join(' ');
}
