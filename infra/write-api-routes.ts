/** Writes infra/api-routes.json from the API's route table (see infra/api-routes.ts). */
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { routes } from '../functions/api/handler.ts';
import type { ApiRoute } from './api-routes.ts';

export const liveRoutes = (): ApiRoute[] => routes.map(({ method, path, auth }) => ({ method, path, auth }));

if (process.argv[1] === import.meta.filename) {
  // One route a line, as the formatter writes it.
  const lines = liveRoutes().map(
    (r) =>
      `  { ${Object.entries(r)
        .map(([k, v]) => `${JSON.stringify(k)}: ${JSON.stringify(v)}`)
        .join(', ')} }`,
  );
  writeFileSync(join(import.meta.dirname, 'api-routes.json'), `[\n${lines.join(',\n')}\n]\n`);
}
