/** The quartiers spreadsheet, in and out, against DynamoDB Local: what the team brings in when it switches. */
import { beforeAll, describe, expect, it } from 'vitest';
import { dynamoEndpoint, ManualClock, testDeps, uniq } from '../support/harness.ts';
import { apiClient, type Call } from '../support/api.ts';
import type { Deps } from '#shared/ports';

const TEAM = 'test-coordination-token';
const HEADER = 'id;name;advisorName;advisorEmail;contactName;contactEmail;enrolledYear;openingCarryMinutes';

let deps: Deps;
let api: ReturnType<typeof apiClient>;

beforeAll(async () => {
  await dynamoEndpoint();
  // 27 November 2026: the current program year is 2026-2027 (it starts on 1 April).
  deps = await testDeps({ clock: new ManualClock(new Date('2026-11-27T15:00:00Z')), seed: false });
  api = apiClient(deps);
}, 240_000);

const upload = (text: string, dryRun: boolean, extra: Partial<Call> = {}) =>
  api({
    method: 'POST',
    path: '/api/imports/quartiers',
    query: { dryRun: String(dryRun) },
    token: TEAM,
    rawBody: text,
    headers: { 'content-type': 'text/csv; charset=utf-8', ...extra.headers },
  });
/** Lines as Excel ends them, the last one included. */
const crlf = (...lines: string[]) => `${lines.join('\r\n')}\r\n`;
const writes = () => deps.store.stats.writes + deps.store.stats.transactions;
const exported = async () => (await api({ path: '/api/exports/quartiers', token: TEAM })).text;
const balance = async (id: string) => (await api({ path: `/api/quartiers/${id}/balance`, token: TEAM })).body;

describe('POST /api/imports/quartiers', () => {
  it('previews, then applies, an Excel file (BOM, ;, CRLF, quoted fields); re-importing changes nothing', async () => {
    const a = `qa-${uniq()}`;
    const b = `qb-${uniq()}`;
    const text = `\uFEFF${crlf(
      HEADER,
      `${a};"Quartier ""A""; Nord";Ana Roy;ana@example.org;Zoé;ZOE@example.org;2023-2024;600`,
      `${b};Quartier B;Luc;luc@example.org;;;2026-2027;`,
      '',
    )}`;
    const before = writes();
    const preview = await upload(text, true);
    expect(preview.status, JSON.stringify(preview.body)).toBe(200);
    expect(preview.body).toMatchObject({ dryRun: true, year: '2026-2027', created: 2, updated: 0, unchanged: 0 });
    expect(preview.body.rows.map((r: { line: number; status: string }) => [r.line, r.status])).toEqual([
      [2, 'created'],
      [3, 'created'],
    ]);
    expect(writes()).toBe(before);
    expect((await api({ path: `/api/quartiers/${a}/contacts`, token: TEAM })).status).toBe(404);

    const applied = await upload(text, false);
    expect(applied.body).toMatchObject({ dryRun: false, created: 2, updated: 0, unchanged: 0 });
    const contacts = await api({ path: `/api/quartiers/${a}/contacts`, token: TEAM });
    expect(contacts.body).toMatchObject([{ name: 'Zoé', email: 'zoe@example.org', addedBy: 'import' }]);
    const quartiers = (await api({ path: '/api/quartiers' })).body as Array<{ id: string; name: string }>;
    expect(quartiers.find((q) => q.id === a)?.name).toBe('Quartier "A"; Nord');

    const settled = writes();
    const again = await upload(text, false);
    expect(again.body).toMatchObject({ created: 0, updated: 0, unchanged: 2 });
    expect(writes()).toBe(settled);
  });

  it('reads commas and LF too, columns in any order; a change previews as updated, naming what differs', async () => {
    const id = `qc-${uniq()}`;
    const first = [
      'enrolledYear,id,name,advisorName,advisorEmail,contactName,contactEmail',
      `2024-2025,${id},Centre,Ana,ana@example.org,Zoé,zoe@example.org`,
      '',
    ].join('\n');
    expect((await upload(first, false)).body).toMatchObject({ created: 1 });
    const changed = first.replace('Centre', 'Centre-Sud').replace('Zoé,', 'Zoé Tremblay,');
    const preview = await upload(changed, true);
    expect(preview.body.rows).toEqual([{ line: 2, id, status: 'updated', changes: ['name', 'contact'] }]);
    expect((await upload(changed, false)).body).toMatchObject({ updated: 1 });
    expect((await upload(changed, true)).body).toMatchObject({ unchanged: 1 });
    const contacts = (await api({ path: `/api/quartiers/${id}/contacts`, token: TEAM })).body;
    expect(contacts).toMatchObject([{ name: 'Zoé Tremblay', email: 'zoe@example.org' }]);
  });

  it('refuses a file with a bad row: 400 naming line and column, in French or English; nothing written', async () => {
    const good = `qd-${uniq()}`;
    const text = crlf(
      HEADER,
      `${good};Bon;Ana;ana@example.org;;;2024-2025;`,
      `qe-${uniq()};Mauvais;Luc;pas-un-courriel;;;2024-2025;`,
    );
    const before = writes();
    const fr = await upload(text, false);
    expect(fr.status).toBe(400);
    expect(fr.body.issues).toEqual([
      { path: 'line 3 · advisorEmail', message: expect.stringMatching(/^Ligne 3 · Courriel du conseiller.* : /) },
    ]);
    const en = await upload(text, false, { headers: { 'accept-language': 'en' } });
    expect(en.body.issues[0]).toMatchObject({ path: 'line 3 · advisorEmail' });
    expect(en.body.issues[0].message).toMatch(/^Line 3 · Advisor email \(advisorEmail\): /);
    expect(writes()).toBe(before);
    expect((await api({ path: `/api/quartiers/${good}/contacts`, token: TEAM })).status).toBe(404);

    const missing = await upload('id;name;advisorEmail\r\nx;y;z@example.org\r\n', false);
    expect(missing.status).toBe(400);
    expect(missing.body.issues.map((i: { path: string }) => i.path)).toEqual([
      'line 1 · advisorName',
      'line 1 · contactName',
      'line 1 · contactEmail',
      'line 1 · enrolledYear',
    ]);
    const empty = await upload(`${HEADER}\r\n${good};Bon;Ana;ana@example.org;Zoé;;;`, false);
    expect(empty.body.issues).toEqual([
      { path: 'line 2 · enrolledYear', message: "Ligne 2 · Année d'adhésion (enrolledYear) : obligatoire" },
    ]);
    // A contact is both its columns or neither.
    const half = await upload(`${HEADER}\r\n${good};Bon;Ana;ana@example.org;Zoé;;2024-2025;`, false);
    expect(half.body.issues).toEqual([
      {
        path: 'line 2 · contactEmail',
        message: 'Ligne 2 · Courriel de la personne-ressource (contactEmail) : obligatoire',
      },
    ]);
    expect(writes()).toBe(before);
  });

  it("refuses a file that is not UTF-8 (Excel's plain CSV) rather than import replaced characters", async () => {
    const latin1 = Buffer.from(crlf(HEADER, 'q-latin;Montréal-Nord;Ana;ana@example.org;;;2024-2025;'), 'latin1');
    const res = await upload(new TextDecoder().decode(latin1), true);
    expect(res.status).toBe(400);
    expect(res.body.issues).toEqual([{ path: 'line 2', message: expect.stringMatching(/^Ligne 2 · .*CSV UTF-8/) }]);
  });

  it('takes only text/csv (415 otherwise), and only from coordination', async () => {
    const json = await api({ path: '/api/imports/quartiers', token: TEAM, body: { id: 'x' } });
    expect(json.status).toBe(415);
    expect(json.body.message).toMatch(/CSV/);
    expect((await upload(HEADER, true, { headers: { 'content-type': 'text/plain' } })).status).toBe(415);
    const big = await upload(`${HEADER}\r\n${'x'.repeat(40_000)}`, true);
    expect(big.status).toBe(413);
    expect((await api({ path: '/api/exports/quartiers' })).status).toBe(401);
  });
});

describe('the opening carry', () => {
  it('shows in the balance as carried-in hours, capped, with author and reason; a change moves it', async () => {
    const id = `qf-${uniq()}`;
    const row = (carry: string) => `${HEADER}\r\n${id};Carry;Ana;ana@example.org;;;2022-2023;${carry}\r\n`;
    expect((await upload(row('300'), false)).status).toBe(200);
    expect(await balance(id)).toMatchObject({
      year: '2026-2027',
      opened: true,
      allocatedMinutes: 1860,
      carriedInMinutes: 300,
      availableMinutes: 2160,
      carryExpiresOn: '2027-03-31',
    });
    const ledger = (await api({ path: `/api/quartiers/${id}/ledger`, query: { year: '2026-2027' }, token: TEAM }))
      .body as Array<{ id: string; kind: string; minutes: number; author: string; reason?: string }>;
    expect(ledger.find((e) => e.kind === 'carry-in')).toMatchObject({
      id: `import-carry-${id}-2026-2027`,
      minutes: 300,
      author: expect.any(String),
      reason: "Report d'ouverture importé",
    });

    const settled = writes();
    expect((await upload(row('300'), false)).body).toMatchObject({ unchanged: 1 });
    expect(writes()).toBe(settled);

    // 62 h available at most, 31 h of them the year's own: at most 31 h (1,860 minutes) carried in.
    const capped = await upload(row('5000'), true);
    expect(capped.body.rows[0]).toMatchObject({
      status: 'updated',
      changes: ['openingCarryMinutes'],
      openingCarryMinutes: 1860,
      openingCarryRequested: 5000,
    });
    await upload(row('5000'), false);
    expect(await balance(id)).toMatchObject({ carriedInMinutes: 1860, availableMinutes: 3720 });
    await upload(row('120'), false);
    expect(await balance(id)).toMatchObject({ carriedInMinutes: 120, availableMinutes: 1980 });
    const entries = (await api({ path: `/api/quartiers/${id}/ledger`, query: { year: '2026-2027' }, token: TEAM }))
      .body as Array<{ kind: string; minutes: number }>;
    expect(entries.filter((e) => e.kind.startsWith('carry')).map((e) => e.minutes)).toEqual([300, 1560, -1740]);
  });

  it('keeps the imported carry when hours are logged late in the year before the switch', async () => {
    const id = `qj-${uniq()}`;
    await upload(`${HEADER}\r\n${id};Tard;Ana;ana@example.org;;;2024-2025;300\r\n`, false);
    const late = await api({
      path: '/api/hour-logs',
      token: TEAM,
      body: { quartierId: id, axis: 'learning', date: '2026-03-02', minutes: 60, step: 'plan' },
    });
    expect(late.status, JSON.stringify(late.body)).toBe(201);
    expect(late.body.year).toBe('2025-2026');
    expect(await balance(id)).toMatchObject({ year: '2026-2027', carriedInMinutes: 300, availableMinutes: 2160 });
  });

  it('refuses a carry for a quartier enrolled this year (nothing before the switch to carry)', async () => {
    const res = await upload(`${HEADER}\r\nqg-${uniq()};Neuf;Ana;ana@example.org;;;2026-2027;60\r\n`, false);
    expect(res.status).toBe(400);
    expect(res.body.issues[0].path).toBe('line 2 · openingCarryMinutes');
  });
});

describe('GET /api/exports/quartiers', () => {
  it('answers the same CSV for a French Excel, which imports back as all unchanged; formulas neutralised', async () => {
    const id = `qh-${uniq()}`;
    await upload(
      crlf(
        HEADER,
        `${id};=HYPERLINK("x");Ana;ana@example.org;Zoé;zoe@example.org;2021-2022;90`,
        `${id};=HYPERLINK("x");Ana;ana@example.org;Marc;marc@example.org;2021-2022;`,
      ),
      false,
    );
    const res = await api({ path: '/api/exports/quartiers', token: TEAM });
    expect(res.status).toBe(200);
    expect(res.headers['content-type']).toBe('text/csv; charset=utf-8');
    expect(res.headers['content-disposition']).toBe('attachment; filename="quartiers.csv"');
    expect(res.text.startsWith(`\uFEFF"id";"name";`)).toBe(true);
    expect(res.text).toContain(
      `"${id}";"'=HYPERLINK(""x"")";"Ana";"ana@example.org";"Marc";"marc@example.org";"2021-2022";"90"\r\n`,
    );
    expect(res.text.endsWith('\r\n')).toBe(true);

    const back = await upload(res.text, false);
    expect(back.status).toBe(200);
    expect(back.body.created + back.body.updated).toBe(0);
    expect(back.body.unchanged).toBeGreaterThan(3);
    expect(await exported()).toBe(res.text);
  });
});

describe('PATCH /api/quartiers/{id}', () => {
  it('changes the name, advisor and enrolment year; validates; 404 for an unknown quartier', async () => {
    const id = `qi-${uniq()}`;
    await upload(`${HEADER}\r\n${id};Ancien;Ana;ana@example.org;;;2024-2025;\r\n`, false);
    const res = await api({
      method: 'PATCH',
      path: `/api/quartiers/${id}`,
      token: TEAM,
      body: { name: 'Nouveau', advisor: { name: 'Luc', email: 'luc@example.org' }, enrolledYear: '2022-2023' },
    });
    expect(res.status).toBe(200);
    expect(res.body).toMatchObject({
      id,
      name: 'Nouveau',
      advisor: { name: 'Luc', email: 'luc@example.org' },
      enrolledYear: '2022-2023',
    });
    expect(Object.keys(res.body).sort()).toEqual(['advisor', 'createdAt', 'enrolledYear', 'id', 'name']);
    const bad = await api({
      method: 'PATCH',
      path: `/api/quartiers/${id}`,
      token: TEAM,
      body: { enrolledYear: '2024' },
    });
    expect(bad.status).toBe(400);
    expect(bad.body.issues[0].path).toBe('enrolledYear');
    // Hours on record in 2026-2027 (the opening carry): the quartier cannot have joined after that year.
    await upload(`${HEADER}\r\n${id};Nouveau;Luc;luc@example.org;;;2022-2023;60\r\n`, false);
    const late = await api({
      method: 'PATCH',
      path: `/api/quartiers/${id}`,
      token: TEAM,
      body: { enrolledYear: '2027-2028' },
      headers: { 'accept-language': 'en' },
    });
    expect(late.status).toBe(400);
    expect(late.body.issues).toEqual([
      { path: 'enrolledYear', message: expect.stringMatching(/^Year enrolled \(enrolledYear\): this neighbourhood/) },
    ]);
    const lateRow = await upload(`${HEADER}\r\n${id};Nouveau;Luc;luc@example.org;;;2027-2028;\r\n`, true);
    expect(lateRow.body.issues).toEqual([
      { path: 'line 2 · enrolledYear', message: expect.stringMatching(/^Ligne 2/) },
    ]);
    const unknown = await api({ method: 'PATCH', path: '/api/quartiers/atlantide', token: TEAM, body: { name: 'X' } });
    expect(unknown.status).toBe(404);
    expect(
      (await upload(`${HEADER}\r\n${id};Nouveau;Luc;luc@example.org;;;2022-2023;60\r\n`, true)).body,
    ).toMatchObject({
      unchanged: 1,
    });
  });
});
