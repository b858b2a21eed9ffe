/** The fault drills of `npm run drill`, at a size that fits the test suite. */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { authMatrixDrill, badInputsDrill, killedOpeningDrill, sesOutageDrill } from '../../bench/drills.ts';
import { startSesEmulator } from '../../local/emulators.ts';
import { dynamoEndpoint } from '../support/harness.ts';
import type { Emulators } from '../../bench/env.ts';

let em: Emulators;
beforeAll(async () => {
  // This file's DynamoDB Local; the drills start and stop their own SES emulators.
  const ses = await startSesEmulator({});
  em = { dynamo: { endpoint: await dynamoEndpoint() } as Emulators['dynamo'], ses, stop: () => ses.stop() };
});
afterAll(() => em.stop());

describe('fault drills (small size)', () => {
  it('SES down during 20 submissions, then back: every request stored, every email sent once', async () => {
    const r = await sesOutageDrill(em, 20);
    expect(r.stored).toBe(20);
    expect(r.failedWhileDown).toBe(40);
    expect(r.requesterEmails).toBe(20);
    expect(r.distinctRequesterEmails).toBe(20);
    expect(r.partnerEmails).toBe(20);
  }, 120_000);

  it('the yearly opening killed with SIGKILL, then rerun: identical to an uninterrupted run', async () => {
    // Small transactions (two quartiers each) make the run long enough to be killed in the middle.
    const r = await killedOpeningDrill(em, 300, { maxItemsPerTransaction: 10 });
    expect(r.killedMidway).toBe(true);
    expect(r.identical).toBe(true);
  }, 180_000);

  it('1,000 generated bad inputs over every public route: no 5xx, nothing written', async () => {
    const r = await badInputsDrill(em, 1000);
    expect(r.fiveHundreds).toBe(0);
    expect(r.writtenKeys).toEqual([]);
    expect(r.written).toBe(0);
  }, 180_000);

  it('the authorization matrix refuses every wrong caller', async () => {
    const r = await authMatrixDrill(em);
    expect(r.failures).toEqual([]);
    expect(r.staffRoutes).toBeGreaterThan(15);
  }, 120_000);
});
