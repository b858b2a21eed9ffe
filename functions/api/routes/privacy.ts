/** Privacy by design (issue 19, Law 25): the notice, access and portability, erasure, retention's preview. */
import { json, route, type Route } from '#shared/http';
import {
  ErasureOutSchema,
  PrivacyEraseSchema,
  PrivacyExportQuerySchema,
  RetentionPreviewSchema,
} from '#shared/schemas';
import { privacyNotice } from '#usecases/privacy-notice';
import { exportPersonalData, personalDataCsv } from '#usecases/export-personal-data';
import { erasePerson } from '#usecases/erase-person';
import { retentionPreview } from '#usecases/apply-retention';

export const privacyRoutes: Route[] = [
  route({
    method: 'GET',
    path: '/api/privacy',
    auth: 'public',
    tag: 'privacy',
    summary: 'The privacy notice: who answers for personal data, what is kept, why, where and for how long',
    handle: async (_req, deps) => json(200, await privacyNotice(deps)),
  }),
  route({
    method: 'GET',
    path: '/api/privacy/export',
    auth: 'coordination',
    tag: 'privacy',
    csv: true,
    summary: 'Every record that holds an address (JSON, or CSV with ?format=csv&separator=;)',
    query: PrivacyExportQuerySchema,
    handle: async (req, deps) => {
      const data = await exportPersonalData(deps, req.query.email);
      if (req.query.format !== 'csv') return json(200, data);
      return {
        status: 200,
        raw: {
          contentType: 'text/csv; charset=utf-8',
          content: personalDataCsv(data, req.query.separator),
          filename: 'donnees-personnelles.csv',
        },
      };
    },
  }),
  route({
    method: 'POST',
    path: '/api/privacy/erase',
    auth: 'coordination',
    tag: 'privacy',
    summary: 'Anonymise a person everywhere (names, addresses, phones; pending emails cancelled; links invalidated)',
    body: PrivacyEraseSchema,
    response: () => ErasureOutSchema,
    handle: async (req, deps) => {
      const out = await erasePerson(deps, req.body, req.principal!.sub);
      return json(200, { erased: true, records: out.records, cancelledEmails: out.cancelledEmails });
    },
  }),
  route({
    method: 'GET',
    path: '/api/privacy/retention-preview',
    auth: 'coordination',
    tag: 'privacy',
    summary: "What the daily job's next run will anonymise, its retention period over",
    response: () => RetentionPreviewSchema,
    handle: async (_req, deps) => json(200, await retentionPreview(deps)),
  }),
];
