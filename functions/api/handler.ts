/** The HTTP API's one Lambda: every route of api.md behind API Gateway's HTTP API (payload v2). */
import { json, makeApiHandler, type Route } from '#shared/http';
import { getDeps } from '#shared/wiring';
import { coreRoutes } from './routes/core.ts';
import { ledgerRoutes } from './routes/ledger.ts';
import { requestRoutes } from './routes/requests.ts';
import { activityRoutes } from './routes/activities.ts';
import { staffRoutes } from './routes/staff.ts';
import { importRoutes } from './routes/imports.ts';
import { harvestRoutes } from './routes/harvest.ts';
import { privacyRoutes } from './routes/privacy.ts';
import { openApiDocument } from './openapi.ts';

const domainRoutes: Route[] = [
  ...coreRoutes,
  ...ledgerRoutes,
  ...requestRoutes,
  ...activityRoutes,
  ...staffRoutes,
  ...importRoutes,
  ...harvestRoutes,
  ...privacyRoutes,
];
let document: unknown;

export const routes: Route[] = [
  ...domainRoutes,
  {
    method: 'GET',
    path: '/api/openapi.json',
    auth: 'public',
    tag: 'system',
    summary: 'This document',
    handle: async () => {
      document ??= openApiDocument(routes);
      return json(200, document);
    },
  },
];

export const handler = makeApiHandler(routes, getDeps);
