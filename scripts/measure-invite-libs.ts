/**
 * `npx tsx scripts/measure-invite-libs.ts`: the two ICS libraries weighed as bench/run.ts weighs bundles (the CDK
 * construct's esbuild settings, a fresh Node per figure, the median of several), each writing the same invite:
 * REQUEST with organizer, attendee, alarm, UTC times. Load is the module's setup plus the first invite.
 * `ics` is no longer a dependency: `npm i --no-save ics@3.12.0` first to weigh it again.
 *
 * Measured 2026-11-28 (Node 24.22, this machine shared and loaded, so load times are noisy; three runs):
 *   ics 3.12 + yup, nanoid, runes2: 113 KiB (29 KiB gzip), 99 / 355 / 255 ms
 *   ical-generator 11.1:             38 KiB (10 KiB gzip), 94 /  89 /  57 ms
 */
import { mkdtempSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { gzipSync } from 'node:zlib';
import { execFileSync } from 'node:child_process';
import { build } from 'esbuild';
import { BUNDLE } from '../infra/bundling.ts';

const RUNS = 15;
const START = '2027-03-15T13:00:00Z';
const END = '2027-03-15T20:00:00Z';

const entries: Record<string, string> = {
  'ics 3.12 (+ yup, nanoid, runes2)': `
    import { createEvent } from 'ics';
    export const run = () => createEvent({
      uid: 'r1@pic', sequence: 0, method: 'REQUEST', status: 'CONFIRMED', title: 'Formation', description: 'Résumé',
      location: 'Montréal', url: 'https://example.org/x', productId: 'pic-centraide/activities',
      start: [2027, 3, 15, 13, 0], startInputType: 'utc', startOutputType: 'utc',
      end: [2027, 3, 15, 20, 0], endInputType: 'utc', endOutputType: 'utc',
      organizer: { name: 'Équipe PIC', email: 'pic@example.org' },
      attendees: [{ name: 'Marie', email: 'marie@example.org', rsvp: false, partstat: 'ACCEPTED', role: 'REQ-PARTICIPANT' }],
      alarms: [{ action: 'display', description: 'Formation', trigger: { hours: 24, minutes: 0, before: true } }],
    }).value;`,
  'ical-generator 11.1': `
    import ical from 'ical-generator';
    export const run = () => {
      const cal = ical({ prodId: { company: 'pic-centraide', product: 'activities' }, method: 'REQUEST' });
      cal.createEvent({
        id: 'r1@pic', sequence: 0, status: 'CONFIRMED', summary: 'Formation', description: 'Résumé',
        location: 'Montréal', url: 'https://example.org/x', start: new Date('${START}'), end: new Date('${END}'),
        stamp: new Date('${START}'), organizer: { name: 'Équipe PIC', email: 'pic@example.org' },
        attendees: [{ name: 'Marie', email: 'marie@example.org', rsvp: false, status: 'ACCEPTED', role: 'REQ-PARTICIPANT' }],
        alarms: [{ type: 'display', trigger: 86400, description: 'Formation' }],
      });
      return cal.toString();
    };`,
};

const dir = mkdtempSync(join(tmpdir(), 'pic-ics-'));
console.log(`Node ${process.version}, ${RUNS} fresh processes per figure\n`);
console.log('| library | bundle | gzip | load + first invite (median) |');
console.log('|---|---|---|---|');
for (const [label, code] of Object.entries(entries)) {
  const library = label.split(' ')[0];
  try {
    import.meta.resolve(library);
  } catch {
    console.log(`| ${label} | not installed | | |`);
    continue;
  }
  const file = join(dir, `${Object.keys(entries).indexOf(label)}.js`);
  await build({
    stdin: { contents: code, resolveDir: process.cwd(), loader: 'ts' },
    ...BUNDLE,
    mainFields: [...BUNDLE.mainFields],
    bundle: true,
    platform: 'node',
    target: `node${process.versions.node.split('.')[0]}`,
    logLevel: 'silent',
    outfile: file,
  });
  const times = Array.from({ length: RUNS }, () =>
    Number(
      execFileSync(
        process.execPath,
        [
          '-e',
          `const t=performance.now();const m=require(${JSON.stringify(file)});if(!/ATTENDEE/.test(m.run()))throw new Error('no attendee');console.log(performance.now()-t)`,
        ],
        { encoding: 'utf8' },
      ).trim(),
    ),
  ).sort((a, b) => a - b);
  const size = statSync(file).size;
  const gz = gzipSync(readFileSync(file)).length;
  console.log(
    `| ${label} | ${(size / 1024).toFixed(0)} KiB | ${(gz / 1024).toFixed(0)} KiB | ${times[Math.floor(RUNS / 2)].toFixed(1)} ms |`,
  );
}
