/** `npm run drill`: the fault drills at full size; results in docs/drills.md. */
import { writeFileSync } from 'node:fs';
import { emulators, machine } from './env.ts';
import { authMatrixDrill, badInputsDrill, killedOpeningDrill, sesOutageDrill } from './drills.ts';

const lines = [
  '# Fault drills',
  '',
  `Run by \`npm run drill\` on ${new Date().toISOString().slice(0, 10)}: ${machine()}. The test suite runs the same drills at a smaller size (test/functions/drills.test.ts).`,
  '',
];
const say = (title: string, result: unknown) => {
  lines.push(`## ${title}`, '', '```json', JSON.stringify(result, null, 2), '```', '');
  console.log(title, result);
};
/** Each drill on fresh emulators (DynamoDB Local stays slow for a while after a burst of conflicting writes). */
async function fresh<T>(run: (em: Awaited<ReturnType<typeof emulators>>) => Promise<T>): Promise<T> {
  const em = await emulators();
  try {
    return await run(em);
  } finally {
    await em.stop();
  }
}

say('SES down during 100 submissions, then back', await fresh((em) => sesOutageDrill(em, 100)));
say(
  'Yearly opening of 2,000 quartiers killed with SIGKILL at a random point, then rerun',
  await fresh((em) => killedOpeningDrill(em, 2000)),
);
say('10,000 generated bad inputs over every public route', await fresh((em) => badInputsDrill(em, 10_000)));
say('Authorization matrix', await fresh((em) => authMatrixDrill(em)));
writeFileSync('docs/drills.md', `${lines.join('\n')}\n`);
process.exit(0);
