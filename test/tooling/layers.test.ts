/**
 * The layers of docs/architecture.md, checked on the sources: use cases and routes speak to the store only through
 * the repositories of shared/ports.ts, and the domain imports no adapter, use case or AWS package.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';

const sources = (dir: string): string[] =>
  readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? sources(join(dir, e.name)) : e.name.endsWith('.ts') ? [join(dir, e.name)] : [],
  );

/** What only an adapter may write: the table's keys and expressions, its index attributes, the raw store. */
const STORE_DETAILS: Array<[string, RegExp]> = [
  ['imports the table keys', /from '#adapters\/dynamodb\/(keys|expressions|store|[a-z-]+-repo)'/],
  ['imports an adapter by path', /from '\.\.?\/[^']*adapters\//],
  ['calls the raw store', /deps\.store\./],
  ['names an index attribute', /\bgsi[12](pk|sk)\b/],
  ['builds a key', /\b(pk|sk): [`'"]/],
];

function offences(files: string[], rules: Array<[string, RegExp]>) {
  const found: string[] = [];
  for (const file of files) {
    const lines = readFileSync(file, 'utf8').split('\n');
    lines.forEach((line, i) => {
      for (const [what, pattern] of rules)
        if (pattern.test(line)) found.push(`${file}:${i + 1} ${what}: ${line.trim()}`);
    });
  }
  return found;
}

describe('the layers', () => {
  it('use cases reach the store only through the repositories and transactions of shared/ports.ts', () => {
    expect(offences(sources('shared/usecases'), STORE_DETAILS)).toEqual([]);
  });

  it('routes reach the store only through use cases', () => {
    expect(offences(sources('functions'), STORE_DETAILS)).toEqual([]);
  });

  it('routes leave the repositories, transactions and settings to their use cases (parse, use case, response)', () => {
    const rules: Array<[string, RegExp]> = [['reaches past its use case', /\bdeps\.(repos|tx|settings)\b/]];
    expect(offences(sources('functions/api'), rules)).toEqual([]);
  });

  it('the domain imports no adapter, use case, AWS package or Node module', () => {
    const rules: Array<[string, RegExp]> = [
      ['imports an adapter or a use case', /from '#(adapters|usecases)\//],
      ['imports AWS', /from '@aws-sdk\//],
      ['imports Node', /from 'node:/],
    ];
    expect(offences(sources('shared/domain'), rules)).toEqual([]);
  });
});
