/** The stack knows the API's routes from a generated list, not by loading the API's code. */
import { join } from 'node:path';
import { build } from 'esbuild';
import { describe, expect, it } from 'vitest';
import { API_ROUTES } from '../../infra/api-routes.ts';
import { liveRoutes } from '../../infra/write-api-routes.ts';

const ROOT = join(import.meta.dirname, '..', '..');

describe("the stack's route list", () => {
  it("is the API handler's route table (else: npx tsx infra/write-api-routes.ts)", () => {
    expect(API_ROUTES).toEqual(liveRoutes());
  });

  it('lets the CDK app synthesise without importing any function code', async () => {
    const { metafile } = await build({
      entryPoints: [join(ROOT, 'infra', 'app.ts')],
      absWorkingDir: ROOT,
      bundle: true,
      write: false,
      metafile: true,
      platform: 'node',
      format: 'esm',
      packages: 'external',
      logLevel: 'silent',
    });
    const loaded = Object.keys(metafile.inputs);
    expect(loaded).toContain('infra/stacks/pic-stack.ts');
    expect(loaded.filter((f) => f.startsWith('functions/'))).toEqual([]);
  });
});
