import * as z from 'zod/mini';
import { json, notFound, route, type Route } from '#shared/http';
import {
  ContactInputSchema,
  ContactListSchema,
  ContactOutSchema,
  HealthSchema,
  NotificationQueuedSchema,
  PartnerListSchema,
  ProgramNumbersSchema,
  QuartierListSchema,
  QuartierOutSchema,
  QuartierPatchSchema,
  QuartierSchema,
} from '#shared/schemas';
import { ProgramSettingsSchema } from '#domain/settings';
import { changeSettings, programNumbers, readSettings } from '#usecases/settings';
import { createQuartier, getQuartier, listPartners, listQuartiers, updateQuartier } from '#usecases/quartiers';
import { addContact, listContacts, removeContact } from '#usecases/contacts';
import type { ContactItem } from '#domain/quartier';
import { listNotifications, retryNotification } from '#usecases/notifications';
import { outcomeResponse } from '../outcomes.ts';

const contactOut = ({ name, email, locale, addedAt, addedBy }: ContactItem) => ({
  name,
  email,
  locale,
  addedAt,
  addedBy,
});

export const coreRoutes: Route[] = [
  route({
    method: 'GET',
    path: '/api/health',
    auth: 'public',
    tag: 'system',
    response: HealthSchema,
    summary: 'Liveness',
    handle: async () => json(200, { ok: true }),
  }),
  route({
    method: 'GET',
    path: '/api/quartiers',
    auth: 'public',
    tag: 'quartiers',
    response: QuartierListSchema,
    summary: 'Quartiers taking part',
    handle: async (_req, deps) =>
      json(
        200,
        (await listQuartiers(deps)).map((q) => ({ id: q.id, name: q.name })),
      ),
  }),
  route({
    method: 'POST',
    path: '/api/quartiers',
    auth: 'coordination',
    tag: 'quartiers',
    status: 201,
    refuses: [409],
    summary: 'Add a quartier',
    body: QuartierSchema,
    idempotency: 'generic',
    handle: async (req, deps) => {
      const out = await createQuartier(deps, req.body, req.principal!.sub);
      return out.kind === 'created' ? json(201, out.quartier) : outcomeResponse('already-exists', req.locale);
    },
  }),
  route({
    method: 'PATCH',
    path: '/api/quartiers/{id}',
    auth: 'coordination',
    tag: 'quartiers',
    response: QuartierOutSchema,
    summary: "Correct a quartier's name, advisor or enrolment year (fields left out stay as they are)",
    body: QuartierPatchSchema,
    handle: async (req, deps) => {
      const out = await updateQuartier(deps, req.params.id, req.body);
      return out.kind === 'updated' ? json(200, out.quartier) : outcomeResponse(out.kind, req.locale);
    },
  }),
  route({
    method: 'GET',
    path: '/api/quartiers/{id}/contacts',
    auth: 'coordination',
    tag: 'quartiers',
    response: ContactListSchema,
    summary: "The quartier's contacts on file: who may speak for it on the public forms",
    handle: async (req, deps) =>
      (await getQuartier(deps, req.params.id))
        ? json(200, (await listContacts(deps, req.params.id)).map(contactOut))
        : notFound(req.locale),
  }),
  route({
    method: 'POST',
    path: '/api/quartiers/{id}/contacts',
    auth: 'coordination',
    tag: 'quartiers',
    status: 201,
    response: ContactOutSchema,
    summary: 'Put a contact on file (or update their name and language)',
    body: ContactInputSchema,
    idempotency: 'generic',
    handle: async (req, deps) => {
      const out = await addContact(deps, req.params.id, req.body, req.principal!.sub);
      return out.kind === 'added' ? json(201, contactOut(out.contact)) : notFound(req.locale);
    },
  }),
  route({
    method: 'DELETE',
    path: '/api/quartiers/{id}/contacts/{email}',
    auth: 'coordination',
    tag: 'quartiers',
    response: ContactListSchema,
    summary: 'Take a contact off file; the answer is the contacts that remain',
    handle: async (req, deps) => {
      const out = await removeContact(deps, req.params.id, req.params.email);
      return out.kind === 'removed'
        ? json(200, (await listContacts(deps, req.params.id)).map(contactOut))
        : notFound(req.locale);
    },
  }),
  route({
    method: 'GET',
    path: '/api/partners',
    auth: 'public',
    tag: 'partners',
    response: PartnerListSchema,
    summary: 'The three partners',
    handle: async (req, deps) =>
      json(
        200,
        (await listPartners(deps)).map((p) => ({ id: p.id, name: p.name, description: p.description[req.locale] })),
      ),
  }),
  route({
    method: 'GET',
    path: '/api/settings',
    auth: 'coordination',
    tag: 'settings',
    response: () => ProgramSettingsSchema,
    summary: "The program's rules (hours, slots, year start, routing, reminders)",
    handle: async (_req, deps) => json(200, await readSettings(deps)),
  }),
  route({
    method: 'PUT',
    path: '/api/settings',
    auth: 'coordination',
    tag: 'settings',
    response: () => ProgramSettingsSchema,
    summary: "Change the program's rules (whole document, validated)",
    body: ProgramSettingsSchema,
    handle: async (req, deps) => json(200, await changeSettings(deps, req.body, req.principal!.sub)),
  }),
  route({
    method: 'GET',
    path: '/api/program',
    auth: 'public',
    tag: 'settings',
    response: ProgramNumbersSchema,
    summary: "The program's numbers the pages quote: hours a year, carry cap, additional slots and their hours",
    handle: async (_req, deps) => json(200, await programNumbers(deps)),
  }),
  route({
    method: 'GET',
    path: '/api/notifications',
    auth: 'coordination',
    tag: 'notifications',
    summary: 'Emails by status (failed, unconfirmed, retrying…)',
    query: z.object({
      status: z._default(z.enum(['pending', 'sending', 'retrying', 'sent', 'failed', 'unconfirmed']), 'failed'),
    }),
    handle: async (req, deps) => json(200, await listNotifications(deps, req.query.status)),
  }),
  route({
    method: 'POST',
    path: '/api/notifications/{id}/retry',
    auth: 'coordination',
    tag: 'notifications',
    response: NotificationQueuedSchema,
    status: 202,
    summary: 'Re-drive a failed or unconfirmed email',
    idempotency: 'generic',
    handle: async (req, deps) => {
      const out = await retryNotification(deps, req.params.id);
      return out === 'queued'
        ? json(202, { id: req.params.id, status: 'pending' })
        : outcomeResponse(out === 'not-found' ? 'not-found' : 'invalid-transition', req.locale);
    },
  }),
];
