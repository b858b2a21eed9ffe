/** Runs one yearly opening in its own process, so a drill can SIGKILL it half-way. */
import { buildDeps } from '#shared/wiring';
import { Store } from '#adapters/dynamodb/store';
import { openYear } from '#usecases/open-year';
import { dynamoClient } from './env.ts';

const [endpoint, table, year, maxItems] = process.argv.slice(2);
const deps = buildDeps(
  { PIC_TABLE_NAME: table, PIC_LOG_LEVEL: 'SILENT' },
  { store: new Store(table, dynamoClient(endpoint)) },
);
await openYear(deps, year, { dryRun: false, maxItemsPerTransaction: Number(maxItems ?? 100) });
process.exit(0);
