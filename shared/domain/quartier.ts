/** Quartiers, the people on file who speak for them, and the partners their learning requests go to. */
import type { Locale } from '#email/render';

export type QuartierItem = {
  id: string;
  name: string;
  advisor: { name: string; email: string };
  /** First program year the quartier takes part in. */
  enrolledYear: string;
  createdAt: string;
};

export type PartnerItem = { id: string; name: string; email: string; description: { fr: string; en: string } };

/** Someone who may speak for a quartier on the public forms. */
export type ContactItem = {
  quartierId: string;
  name: string;
  /** Lowercased: the same person typing their address in capitals is still on file. */
  email: string;
  locale: Locale;
  addedAt: string;
  /** Who put them on file: a staff member's id, `import`, `seed`, or `trust:<requestId>`. */
  addedBy: string;
};

export const normalEmail = (email: string) => email.trim().toLowerCase();
