/** `npm run drill`: the fault drills at full size; results in docs/drills.md. */
import { writeFileSync } from 'node:fs';
import { emulators, machine } from './env.ts';
import { authMatrixDrill, badInputsDrill, killedOpeningDrill, sesOutageDrill } from './drills.ts';

const em = await emulators();
const lines = ['# Fault drills', '', `Run by \`npm run drill\` on ${new Date().toISOString().slice(0, 10)}: ${machine()}. The test suite runs the same drills at a smaller size (test/functions/drills.test.ts).`, ''];
const say = (title: string, result: unknown) => {
  lines.push(`## ${title}`, '', '```json', JSON.stringify(result, null, 2), '```', '');
  console.log(title, result);
};
try {
  say('SES down during 100 submissions, then back', await sesOutageDrill(em, 100));
  say('Yearly opening of 2,000 quartiers killed with SIGKILL, then rerun', await killedOpeningDrill(em, 2000));
  say('10,000 generated bad inputs over every public route', await badInputsDrill(em, 10_000));
  say('Authorization matrix', await authMatrixDrill(em));
  writeFileSync('docs/drills.md', `${lines.join('\n')}\n`);
} finally {
  await em.stop();
}
process.exit(0);
