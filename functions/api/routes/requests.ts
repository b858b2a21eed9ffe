import * as z from 'zod/mini';
import { json, forbidden, tooManyRequests, type ApiRequest, type ApiResponse, route, type Route } from '#shared/http';
import type { Locale } from '#email/render';
import {
  AdditionalSupportCreatedSchema,
  AdditionalSupportSchema,
  AnswerSchema,
  AssignedSchema,
  CancelSchema,
  LearningRequestCreatedSchema,
  LearningRequestSchema,
  OfferAnswerSchema,
  OfferAnsweredSchema,
  OverrideSchema,
  PartnerAnswerResultSchema,
  PartnerAnswerSchema,
  ProgressSchema,
  ReassignSchema,
  ReleaseSchema,
  RequestStatusSchema,
  RequestViewSchema,
  SlotReleasedSchema,
  SupportBoardSchema,
  TrustDecisionSchema,
  TrustViewSchema,
  AwaitingTrustSchema,
  VerifyEmailSchema,
  WithdrawSchema,
  YearIdSchema,
  SupportAvailabilitySchema,
} from '#shared/schemas';
import { decideTrust, listAwaitingTrust, trustView, verifyEmail } from '#usecases/trust';
import { submitLearningRequest } from '#usecases/submit-learning-request';
import { listLearningRequests } from '#usecases/list-learning-requests';
import { answerAsPartner, answerByLink } from '#usecases/answer-assignment';
import { updateProgress } from '#usecases/advance-learning-loop';
import { assignRequest } from '#usecases/assign-learning-request';
import { cancelLearningRequest } from '#usecases/cancel-learning-request';
import { supportAvailability } from '#usecases/open-slots';
import { answerOffer } from '#usecases/answer-offer';
import { overrideWaitlist } from '#usecases/override-waitlist';
import { releaseSlot } from '#usecases/release-slot';
import { submitAdditionalSupport } from '#usecases/claim-slot';
import { supportBoard } from '#usecases/support-board';
import { authorizeRequester, viewRequest, withdrawRequest } from '#usecases/request-status';
import { fieldRefusal, outcomeResponse } from '../outcomes.ts';

const tokenOf = (req: Pick<ApiRequest, 'query' | 'headers'>) => req.headers['x-status-token'] || req.query.token;

/** A partner's answer, from the email link or the portal, answered alike. */
function partnerAnswer(
  out: { kind: string; request?: { id: string; status: string; partnerId?: string } },
  locale: Locale,
): ApiResponse {
  return out.request
    ? json(200, {
        id: out.request.id,
        status: out.request.status,
        partnerId: out.request.partnerId ?? null,
        outcome: out.kind,
      })
    : outcomeResponse(out.kind, locale);
}

export const requestRoutes: Route[] = [
  route({
    method: 'POST',
    path: '/api/learning-requests',
    auth: 'public',
    tag: 'learning',
    status: 201,
    response: LearningRequestCreatedSchema,
    summary: 'Ask for accompaniment on a learning question (axis 1)',
    body: LearningRequestSchema,
    idempotency: 'in-transaction',
    handle: async (req, deps) => {
      const out = await submitLearningRequest(deps, req.body, req.headers['idempotency-key']);
      return out.kind === 'created' ? json(201, out.response) : outcomeResponse(out.kind, req.locale);
    },
  }),
  route({
    method: 'GET',
    path: '/api/learning-requests',
    auth: 'staff',
    tag: 'learning',
    summary: 'Requests by status (partners see theirs)',
    query: z.object({ status: z.optional(z.string().check(z.maxLength(30))) }),
    handle: async (req, deps) => {
      const p = req.principal!;
      return json(
        200,
        await listLearningRequests(deps, {
          status: req.query.status,
          partnerId: p.role === 'partner' ? p.partnerId : undefined,
        }),
      );
    },
  }),
  route({
    method: 'POST',
    path: '/api/learning-requests/{id}/answer',
    auth: 'public',
    tag: 'learning',
    response: PartnerAnswerResultSchema,
    refuses: [409],
    summary: "A partner's answer from the signed email link",
    body: AnswerSchema,
    handle: async (req, deps) => {
      return partnerAnswer(await answerByLink(deps, req.params.id, req.body), req.locale);
    },
  }),
  ...(['accept', 'decline'] as const).map(
    (action): Route =>
      route({
        method: 'POST',
        path: `/api/learning-requests/{id}/${action}`,
        auth: 'staff',
        tag: 'learning',
        response: PartnerAnswerResultSchema,
        refuses: [403, 409],
        summary: `Partner portal: ${action}`,
        body: PartnerAnswerSchema,
        handle: async (req, deps) => {
          const out = await answerAsPartner(deps, req.params.id, req.principal!, action, req.body.reason);
          return partnerAnswer(out, req.locale);
        },
      }),
  ),
  route({
    method: 'POST',
    path: '/api/learning-requests/{id}/progress',
    auth: 'staff',
    tag: 'learning',
    refuses: [403, 409],
    summary: 'Lifecycle and learning-loop step',
    body: ProgressSchema,
    handle: async (req, deps) => {
      const out = await updateProgress(deps, req.params.id, req.principal!, req.body);
      if (out.kind !== 'updated') return outcomeResponse(out.kind, req.locale);
      // The status token's hash is the requester's, not the partner's to see.
      const { statusTokenHash, ...request } = out.request;
      return json(200, request);
    },
  }),
  route({
    method: 'POST',
    path: '/api/learning-requests/{id}/assign',
    auth: 'coordination',
    tag: 'learning',
    response: AssignedSchema,
    refuses: [409],
    summary: 'Coordination assigns a partner, with a reason',
    body: ReassignSchema,
    handle: async (req, deps) => {
      const out = await assignRequest(deps, req.params.id, req.body.partnerId, req.body.reason, req.principal!);
      return out.kind === 'assigned'
        ? json(200, { id: out.request.id, status: out.request.status, partnerId: out.request.partnerId })
        : outcomeResponse(out.kind, req.locale);
    },
  }),
  route({
    method: 'POST',
    path: '/api/learning-requests/{id}/cancel',
    auth: 'public',
    tag: 'learning',
    response: RequestStatusSchema,
    refuses: [403, 409],
    summary: 'Cancel (requester token or coordination)',
    body: CancelSchema,
    handle: async (req, deps) => {
      const staff = req.principal?.role === 'coordination';
      if (!staff && !(await authorizeRequester(deps, req.params.id, tokenOf(req)))) return forbidden(req.locale);
      if (staff && !req.body.reason) return fieldRefusal('reason', 'required', req.locale);
      const out = await cancelLearningRequest(
        deps,
        req.params.id,
        staff ? req.principal!.sub : 'requester',
        req.body.reason,
      );
      return out.kind === 'cancelled'
        ? json(200, { id: out.request.id, status: out.request.status })
        : outcomeResponse(out.kind, req.locale);
    },
  }),
  route({
    method: 'POST',
    path: '/api/additional-support-requests',
    auth: 'public',
    tag: 'additional',
    status: 201,
    response: AdditionalSupportCreatedSchema,
    refuses: [409],
    summary: 'Ask for additional support from Dynamo (axis 2)',
    body: AdditionalSupportSchema,
    idempotency: 'in-transaction',
    postCount: 'in-transaction',
    handle: async (req, deps) => {
      const out = await submitAdditionalSupport(deps, req.body, req.headers['idempotency-key'], req.client);
      if (out.kind === 'created') return json(201, out.response);
      if (out.kind === 'too-many-requests') return tooManyRequests(out.retryAfterSeconds, req.locale);
      // The existing request's number and whom to write to; never its status link, which only its author holds.
      if (out.kind === 'already-requested')
        return outcomeResponse(out.kind, req.locale, { requestId: out.requestId, teamEmail: deps.config.mail.team });
      return outcomeResponse(out.kind, req.locale);
    },
  }),
  route({
    method: 'POST',
    path: '/api/additional-support-requests/{id}/release',
    auth: 'public',
    tag: 'additional',
    response: SlotReleasedSchema,
    refuses: [403, 409],
    summary: 'Release a slot or leave the waiting list (requester token, or coordination with a reason)',
    body: ReleaseSchema,
    handle: async (req, deps) => {
      const staff = req.principal?.role === 'coordination';
      if (!staff && !(await authorizeRequester(deps, req.params.id, tokenOf(req)))) return forbidden(req.locale);
      if (staff && !req.body.reason) return fieldRefusal('reason', 'required', req.locale);
      const out = await releaseSlot(deps, req.params.id, staff ? req.principal!.sub : 'requester', req.body.reason);
      return out.kind === 'released'
        ? json(200, { id: req.params.id, released: true, offeredTo: out.offeredTo ?? null })
        : outcomeResponse(out.kind, req.locale);
    },
  }),
  route({
    method: 'POST',
    path: '/api/additional-support-requests/{id}/offer',
    auth: 'public',
    tag: 'additional',
    response: OfferAnsweredSchema,
    refuses: [403, 409],
    summary: 'Accept or decline an offered slot (requester token)',
    body: OfferAnswerSchema,
    handle: async (req, deps) => {
      if (!(await authorizeRequester(deps, req.params.id, tokenOf(req)))) return forbidden(req.locale);
      const out = await answerOffer(deps, req.params.id, req.body.accept, 'requester');
      return out.kind === 'granted' || out.kind === 'released'
        ? json(200, { id: req.params.id, outcome: out.kind })
        : outcomeResponse(out.kind, req.locale);
    },
  }),
  route({
    method: 'GET',
    path: '/api/additional-support-availability',
    auth: 'public',
    tag: 'additional',
    response: SupportAvailabilitySchema,
    summary: "This year's additional-support places: capacity, held (granted or offered), requests waiting",
    handle: async (_req, deps) => json(200, await supportAvailability(deps)),
  }),
  route({
    method: 'GET',
    path: '/api/additional-support/{year}',
    auth: 'staff',
    tag: 'additional',
    response: SupportBoardSchema,
    summary: 'The slot board: granted, offers, waiting list',
    handle: async (req, deps) => {
      if (!YearIdSchema.safeParse(req.params.year).success) return outcomeResponse('not-found', req.locale);
      return json(200, await supportBoard(deps, req.params.year));
    },
  }),
  route({
    method: 'POST',
    path: '/api/additional-support/{year}/override',
    auth: 'coordination',
    tag: 'additional',
    response: SupportBoardSchema,
    refuses: [409],
    summary: 'Move a waiting request to the front, with a reason',
    body: OverrideSchema,
    handle: async (req, deps) => {
      const out = await overrideWaitlist(
        deps,
        req.params.year,
        req.body.requestId,
        req.body.reason,
        req.principal!.sub,
      );
      return out.kind === 'moved'
        ? json(200, await supportBoard(deps, req.params.year))
        : outcomeResponse(out.kind, req.locale);
    },
  }),
  route({
    method: 'GET',
    path: '/api/requests/{id}',
    auth: 'public',
    tag: 'requests',
    response: RequestViewSchema,
    refuses: [403],
    summary:
      "The requester's view (the status token, or the signed link of any status email, in X-Status-Token or ?token=); staff see more",
    handle: async (req, deps) => {
      const out = await viewRequest(deps, req.params.id, req.principal, tokenOf(req));
      return out.kind === 'view' ? json(200, out.view) : outcomeResponse(out.kind, req.locale);
    },
  }),
  route({
    method: 'POST',
    path: '/api/requests/{id}/withdraw',
    auth: 'public',
    tag: 'requests',
    response: RequestStatusSchema,
    refuses: [403, 409],
    summary:
      'Withdraw a request (requester token or signed link, `notMe` from the "this was not me" link), or cancel it as ' +
      "coordination with a reason; whatever it held is given back, including the quartier's claim for the year",
    body: WithdrawSchema,
    handle: async (req, deps) => {
      const staff = req.principal?.role === 'coordination';
      if (!staff && !(await authorizeRequester(deps, req.params.id, tokenOf(req)))) return forbidden(req.locale);
      if (staff && !req.body.reason) return fieldRefusal('reason', 'required', req.locale);
      const out = await withdrawRequest(deps, req.params.id, staff ? req.principal!.sub : 'requester', req.body);
      return out.kind === 'withdrawn'
        ? json(200, { id: req.params.id, status: out.status })
        : outcomeResponse(out.kind, req.locale);
    },
  }),
  route({
    method: 'POST',
    path: '/api/requests/{id}/verify-email',
    auth: 'public',
    tag: 'trust',
    response: RequestStatusSchema,
    refuses: [409],
    summary: "The requester proves the address is theirs (the verification email's signed link)",
    body: VerifyEmailSchema,
    handle: async (req, deps) => {
      const out = await verifyEmail(deps, req.params.id, req.body.signature);
      return out.kind === 'verified'
        ? json(200, { id: req.params.id, status: out.status })
        : outcomeResponse(out.kind, req.locale);
    },
  }),
  route({
    method: 'GET',
    path: '/api/requests/{id}/trust',
    auth: 'public',
    tag: 'trust',
    response: TrustViewSchema,
    refuses: [403],
    summary: 'Who asks for which quartier, for the advisor (signed link in ?sig=) or coordination to vouch',
    query: z.object({ sig: z.optional(z.string().check(z.maxLength(200))) }),
    handle: async (req, deps) => {
      const out = await trustView(deps, req.params.id, { principal: req.principal, signature: req.query.sig });
      return out.kind === 'view' ? json(200, out.view) : outcomeResponse(out.kind, req.locale);
    },
  }),
  route({
    method: 'POST',
    path: '/api/requests/{id}/trust',
    auth: 'public',
    tag: 'trust',
    response: RequestStatusSchema,
    refuses: [403, 409],
    summary:
      'The advisor on file (signed link) or coordination vouches that the requester speaks for the quartier (they ' +
      'are put on file and the request is served from now), or refuses (the request is closed)',
    body: TrustDecisionSchema,
    handle: async (req, deps) => {
      const out = await decideTrust(deps, req.params.id, req.body, {
        principal: req.principal,
        signature: req.body.signature,
      });
      if (out.kind === 'confirmed') return json(200, { id: req.params.id, status: out.status });
      if (out.kind === 'refused') return json(200, { id: req.params.id, status: 'not-confirmed' });
      return outcomeResponse(out.kind, req.locale);
    },
  }),
  route({
    method: 'GET',
    path: '/api/trust-requests',
    auth: 'coordination',
    tag: 'trust',
    response: AwaitingTrustSchema,
    summary: 'Requests whose address is proven, waiting for someone to vouch for the requester',
    handle: async (_req, deps) => json(200, await listAwaitingTrust(deps)),
  }),
];
