/**
 * Minimum by default (issue 19, Law 25): no log line carries personal data. Every route of infra/api-routes.json is
 * called with a name, an address and a phone number (in its path, query and body), signed in as coordination, a
 * partner and no one; a person's whole journey runs through the API as well. The logger writes at its most verbose
 * level, and none of its lines may hold the name, the address or the phone number.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { onFile, testDeps, uniq } from '../support/harness.ts';
import { apiClient } from '../support/api.ts';
import { signLocalToken } from '#shared/auth';
import { createLogger } from '#shared/logger';
import { listQuartiers } from '#usecases/quartiers';
import API_ROUTES from '../../infra/api-routes.json' with { type: 'json' };
import type { Deps } from '#shared/ports';

const TEAM = 'test-coordination-token';
const NAME = 'Gwendoline Pelletier-Sirois';
const EMAIL = `gwendoline.${uniq()}@exemple-prive.org`;
const PHONE = '438 555-0199';

let deps: Deps;
let api: ReturnType<typeof apiClient>;
let partner: string;
const lines: string[] = [];
const previousLevel = process.env.PIC_LOG_LEVEL;

beforeAll(async () => {
  process.env.PIC_LOG_LEVEL = 'DEBUG';
  // Whatever the logger writes, through either stream, is kept (and still written).
  for (const stream of [process.stdout, process.stderr]) {
    const write = stream.write.bind(stream);
    vi.spyOn(stream, 'write').mockImplementation(((chunk: unknown, ...rest: unknown[]) => {
      lines.push(String(chunk));
      return (write as (...a: unknown[]) => boolean)(chunk, ...rest);
    }) as typeof stream.write);
  }
  deps = { ...(await testDeps()), log: createLogger('pic-test') };
  api = apiClient(deps);
  partner = await signLocalToken(deps.config.auth.localSigningKey!, 'partner', 'niska');
});

afterAll(() => {
  vi.restoreAllMocks();
  if (previousLevel === undefined) delete process.env.PIC_LOG_LEVEL;
  else process.env.PIC_LOG_LEVEL = previousLevel;
});

/** The personal data every call carries, in the shapes the routes read. */
const personal = {
  name: NAME,
  email: EMAIL,
  phone: PHONE,
  contact: { name: NAME, email: EMAIL, phone: PHONE },
  advisor: { name: NAME, email: EMAIL },
  reason: `Demande de ${NAME}`,
  consent: true,
};

const leaks = () => {
  const needles = [NAME, EMAIL, PHONE, EMAIL.split('@')[0]!, 'Pelletier-Sirois'];
  return lines.filter((l) => needles.some((n) => l.toLowerCase().includes(n.toLowerCase())));
};

describe('log lines', () => {
  it('hold no name, address or phone number from the inputs of any route', async () => {
    const quartierId = (await listQuartiers(deps))[0]!.id;
    // A person's journey, through routes that succeed: on file, a request, a registration, a sign-up, a proposal.
    await onFile(deps, quartierId, EMAIL, NAME);
    const learning = await api({
      path: '/api/learning-requests',
      body: { quartierId, contact: personal.contact, question: 'Comment mesurer nos effets ?', focus: 'evaluation' },
    });
    expect(learning.status).toBe(201);
    expect(
      (
        await api({
          path: '/api/additional-support-requests',
          body: { quartierId, contact: personal.contact, topic: 'Codesign de notre stratégie', advisorConsulted: true },
        })
      ).status,
    ).toBe(201);
    expect((await api({ path: '/api/mailing-list/subscriptions', body: { email: EMAIL, consent: true } })).status).toBe(
      202,
    );
    expect(
      (await api({ path: '/api/topic-proposals', body: { name: NAME, email: EMAIL, topic: 'Mobilisation citoyenne' } }))
        .status,
    ).toBe(201);
    expect((await api({ path: '/api/privacy/export', token: TEAM, query: { email: EMAIL } })).status).toBe(200);

    // Every route, with personal data wherever it may go, as everyone.
    const ids: Record<string, string> = { id: learning.body.id, email: EMAIL, year: '2026-2027' };
    for (const route of API_ROUTES) {
      const path = route.path.replace(/\{(\w+)\}/g, (_, p: string) => encodeURIComponent(ids[p] ?? EMAIL));
      for (const token of [TEAM, partner, undefined]) {
        const res = await api({
          method: route.method,
          path,
          token,
          query: { email: EMAIL, name: NAME, phone: PHONE },
          ...(route.method === 'GET' || route.method === 'DELETE' ? {} : { body: { ...personal, quartierId } }),
        });
        expect(res.status, `${route.method} ${route.path}`).toBeLessThan(500);
      }
    }
    // Erasure last: it is a route like the others.
    const erase = await api({ path: '/api/privacy/erase', token: TEAM, body: { email: EMAIL, reason: 'Demande' } });
    expect(erase.status).toBe(200);

    expect(lines.filter((l) => l.includes('"request"')).length).toBeGreaterThan(API_ROUTES.length);
    expect(leaks()).toEqual([]);
  }, 300_000);
});
