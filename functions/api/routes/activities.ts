import * as z from 'zod/mini';
import { json, route, type Route } from '#shared/http';
import {
  BulkMessageSchema,
  BulkQueuedSchema,
  ConsentWordingSchema,
  CreatedIdSchema,
  RegistrationCancelledSchema,
  RegistrationCreatedSchema,
  RegistrationSchema,
  SessionInputSchema,
  SessionPatchSchema,
  SubscribeSchema,
  SubscriptionSchema,
  TopicProposalSchema,
} from '#shared/schemas';
import { cancelRegistration } from '#usecases/cancel-registration';
import { createSession } from '#usecases/create-session';
import { registrationsCsv } from '#usecases/export-registrations';
import { listActivities } from '#usecases/list-activities';
import { listRegistrations, sessionExists } from '#usecases/list-registrations';
import { listProposals, proposeTopic } from '#usecases/propose-topic';
import { register } from '#usecases/register-to-session';
import { sendBulk } from '#usecases/send-bulk';
import { CONSENT_WORDING, confirmSubscription, subscribe } from '#usecases/subscribe-to-mailing-list';
import { unsubscribe } from '#usecases/unsubscribe-from-mailing-list';
import { updateSession } from '#usecases/update-session';
import { listQuartiers } from '#usecases/quartiers';
import { outcomeResponse, fieldRefusal } from '../outcomes.ts';

const SignedEmail = z.strictObject({
  email: z.email(),
  signature: z.string().check(z.minLength(10), z.maxLength(200)),
});

export const activityRoutes: Route[] = [
  route({
    method: 'GET',
    path: '/api/activities',
    auth: 'public',
    tag: 'activities',
    summary: 'Catalogue: activities and their sessions, upcoming first',
    handle: async (_r, deps) => json(200, await listActivities(deps)),
  }),
  route({
    method: 'POST',
    path: '/api/sessions',
    auth: 'coordination',
    tag: 'activities',
    status: 201,
    refuses: [404],
    summary: 'Add a session',
    body: SessionInputSchema,
    idempotency: 'generic',
    handle: async (req, deps) => {
      const id = req.operationId && `${req.body.activityId}-${req.body.date}-${req.operationId.slice(0, 6)}`;
      const out = await createSession(deps, req.body, id);
      if (out.kind === 'date-too-far') return fieldRefusal('date', out.kind, req.locale);
      return out.kind === 'created'
        ? json(201, out.session)
        : outcomeResponse(out.kind === 'unknown-activity' ? 'not-found' : out.kind, req.locale);
    },
  }),
  route({
    method: 'PATCH',
    path: '/api/sessions/{sessionId}',
    auth: 'coordination',
    tag: 'activities',
    refuses: [409],
    summary: 'Change or cancel a session (registrants get the updated invite)',
    body: SessionPatchSchema,
    handle: async (req, deps) => {
      const out = await updateSession(deps, req.params.sessionId, req.body);
      if (out.kind === 'date-too-far') return fieldRefusal('date', out.kind, req.locale);
      return out.kind === 'updated'
        ? json(200, { ...out.session, notified: out.notified })
        : outcomeResponse(out.kind === 'conflict' ? 'invalid-transition' : out.kind, req.locale);
    },
  }),
  route({
    method: 'POST',
    path: '/api/sessions/{sessionId}/registrations',
    auth: 'public',
    tag: 'activities',
    status: 201,
    response: RegistrationCreatedSchema,
    refuses: [409],
    summary: 'Register to a session',
    body: RegistrationSchema,
    idempotency: 'generic',
    handle: async (req, deps) => {
      const out = await register(deps, req.params.sessionId, req.body);
      if ('registration' in out) return json(201, { id: out.registration.id, status: out.registration.status });
      return out.kind === 'registers-elsewhere'
        ? outcomeResponse(out.kind, req.locale, { registrationUrl: out.registrationUrl })
        : outcomeResponse(out.kind, req.locale);
    },
  }),
  route({
    method: 'POST',
    path: '/api/sessions/{sessionId}/registrations/{id}/cancel',
    auth: 'public',
    tag: 'activities',
    response: RegistrationCancelledSchema,
    refuses: [409],
    summary: 'Cancel a registration (signed link, or coordination)',
    body: z.strictObject({ signature: z.optional(z.string().check(z.maxLength(200))) }),
    handle: async (req, deps) => {
      const out = await cancelRegistration(
        deps,
        req.params.sessionId,
        req.params.id,
        req.body.signature,
        req.principal?.role === 'coordination',
      );
      return out.kind === 'cancelled'
        ? json(200, { status: 'cancelled', promoted: out.promoted })
        : outcomeResponse(out.kind, req.locale);
    },
  }),
  route({
    method: 'GET',
    path: '/api/sessions/{sessionId}/registrations',
    auth: 'coordination',
    tag: 'activities',
    csv: true,
    summary: 'Registrations (JSON, or CSV with ?format=csv&separator=;, French labels unless ?lang=en)',
    query: z.object({
      format: z._default(z.enum(['json', 'csv']), 'json'),
      separator: z._default(z.enum([';', ',']), ';'),
      lang: z._default(z.enum(['fr', 'en']), 'fr'),
    }),
    handle: async (req, deps) => {
      if (!(await sessionExists(deps, req.params.sessionId))) return outcomeResponse('not-found', req.locale);
      const regs = await listRegistrations(deps, req.params.sessionId);
      if (req.query.format === 'csv') {
        const names = new Map((await listQuartiers(deps)).map((q) => [q.id, q.name]));
        return {
          status: 200,
          raw: {
            contentType: 'text/csv; charset=utf-8',
            content: registrationsCsv(regs, req.query.separator, (id) => names.get(id) ?? id, req.query.lang),
            filename: `inscriptions-${req.params.sessionId}.csv`,
          },
        };
      }
      return json(200, regs);
    },
  }),
  route({
    method: 'POST',
    path: '/api/topic-proposals',
    auth: 'public',
    tag: 'activities',
    response: CreatedIdSchema,
    status: 201,
    summary: 'Propose a topic for the practice-exchange workshops',
    body: TopicProposalSchema,
    idempotency: 'generic',
    handle: async (req, deps) => {
      const out = await proposeTopic(deps, req.body, req.operationId);
      return out.kind === 'proposed' ? json(201, { id: out.id }) : outcomeResponse(out.kind, req.locale);
    },
  }),
  route({
    method: 'GET',
    path: '/api/topic-proposals',
    auth: 'coordination',
    tag: 'activities',
    summary: 'Topic proposals',
    handle: async (_r, deps) => json(200, await listProposals(deps)),
  }),
  route({
    method: 'GET',
    path: '/api/mailing-list/consent',
    auth: 'public',
    tag: 'mailing-list',
    response: ConsentWordingSchema,
    summary: 'The consent wording shown on the sign-up form',
    handle: async (req) => json(200, { wording: CONSENT_WORDING[req.locale] }),
  }),
  route({
    method: 'POST',
    path: '/api/mailing-list/subscriptions',
    auth: 'public',
    tag: 'mailing-list',
    response: SubscriptionSchema,
    status: 202,
    summary: 'Subscribe (a confirmation email follows)',
    body: SubscribeSchema,
    idempotency: 'generic',
    handle: async (req, deps) => {
      const out = await subscribe(
        deps,
        req.body,
        { ip: req.headers['x-forwarded-for']?.split(',')[0] ?? 'unknown', userAgent: req.headers['user-agent'] },
        req.operationId,
      );
      return out.kind === 'too-many-emails' ? outcomeResponse(out.kind, req.locale) : json(202, { status: out.kind });
    },
  }),
  route({
    method: 'POST',
    path: '/api/mailing-list/confirm',
    auth: 'public',
    tag: 'mailing-list',
    refuses: [409],
    summary: 'Confirm a subscription (link from the email)',
    body: SignedEmail,
    handle: async (req, deps) => {
      const out = await confirmSubscription(deps, req.body.email, req.body.signature, {
        ip: req.headers['x-forwarded-for']?.split(',')[0],
      });
      return out.kind === 'confirmed' ? json(200, { status: 'confirmed' }) : outcomeResponse(out.kind, req.locale);
    },
  }),
  route({
    method: 'POST',
    path: '/api/mailing-list/unsubscribe',
    auth: 'public',
    tag: 'mailing-list',
    refuses: [409],
    summary: 'One-click unsubscribe (link in every bulk message)',
    body: SignedEmail,
    handle: async (req, deps) => {
      const out = await unsubscribe(deps, req.body.email, req.body.signature);
      return out.kind === 'unsubscribed'
        ? json(200, { status: 'unsubscribed' })
        : outcomeResponse(out.kind, req.locale);
    },
  }),
  route({
    method: 'POST',
    path: '/api/bulk-messages',
    auth: 'coordination',
    tag: 'mailing-list',
    response: BulkQueuedSchema,
    status: 202,
    refuses: [404],
    summary: 'Send a bulk message to registrants, a waiting list or the mailing list',
    body: BulkMessageSchema,
    idempotency: 'generic',
    handle: async (req, deps) => {
      if (req.body.audience !== 'mailing-list' && !(await sessionExists(deps, req.body.sessionId!)))
        return outcomeResponse('not-found', req.locale);
      const out = await sendBulk(deps, req.body, req.operationId);
      return out.kind === 'queued' ? json(202, out) : outcomeResponse(out.kind, req.locale);
    },
  }),
];
