import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';

const pkg = JSON.parse(readFileSync('package.json', 'utf8'));
const nvmrc = readFileSync('.nvmrc', 'utf8').trim();

describe('the Node the tests run on is the one Lambda runs', () => {
  it('is the major of .nvmrc, whatever node the machine has', () => {
    console.log(`tests run on Node ${process.version}`);
    expect(process.versions.node.split('.')[0]).toBe(nvmrc);
    expect(pkg.engines.node).toBe(`>=${nvmrc}`);
    expect(pkg.devDependencies['@types/node'].split('.')[0]).toBe(nvmrc);
  });

  it("does not silence the AWS SDK's Node version notice", () => {
    expect(process.env.AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED).toBeUndefined();
    for (const script of Object.values<string>(pkg.scripts)) expect(script).not.toMatch(/NODE_VERSION_SUPPORT/);
  });
});
