/**
 * The API's routes as the stack needs them (method, path, who may call), read from a generated list so that
 * synthesis never loads the API's runtime code. `npx tsx infra/write-api-routes.ts` regenerates the list from
 * functions/api/handler.ts; a test fails while the list and the handler's routes differ.
 */
import API_ROUTES_JSON from './api-routes.json' with { type: 'json' };

export type ApiRoute = { method: string; path: string; auth: 'public' | 'staff' | 'coordination' };

export const API_ROUTES = API_ROUTES_JSON as readonly ApiRoute[];
