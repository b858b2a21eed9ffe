/**
 * The one catalogue of the words the API, the emails and the pages all show for the same thing: a request's
 * focus, its statuses and history events, the learning loop's steps. Pages import it too (web/src/i18n.ts), so it
 * imports nothing: no Node module, no zod. A label starts with a capital, as a page shows it alone; `inSentence`
 * gives the same words inside a sentence ("Votre demande : acceptée").
 */
export type Label = { fr: string; en: string };

/** A learning request's focus (FocusSchema's values). */
export const FOCUS_LABELS = {
  'strategic-clarity': { fr: 'Clarté stratégique', en: 'Strategic clarity' },
  evaluation: { fr: 'Évaluation', en: 'Evaluation' },
  other: { fr: 'Autre question de recherche', en: 'Another research question' },
} as const satisfies Record<string, Label>;
export type FocusKey = keyof typeof FOCUS_LABELS;

/** Statuses of both kinds of request, and the events of their history. */
export const STATUS_LABELS: Record<string, Label> = {
  routed: { fr: 'Transmise au partenaire', en: 'Sent to the partner' },
  accepted: { fr: 'Acceptée', en: 'Accepted' },
  'in-progress': { fr: 'En cours', en: 'In progress' },
  completed: { fr: 'Terminée', en: 'Completed' },
  'needs-decision': { fr: "En attente d'une décision de l'équipe PIC", en: 'Awaiting a decision by the PIC team' },
  cancelled: { fr: 'Annulée', en: 'Cancelled' },
  received: { fr: 'Reçue', en: 'Received' },
  granted: { fr: 'Place accordée', en: 'Slot granted' },
  waitlisted: { fr: "Sur la liste d'attente", en: 'On the waiting list' },
  offered: { fr: 'Place offerte', en: 'Slot offered' },
  released: { fr: 'Place libérée', en: 'Slot released' },
  'offer-declined': { fr: 'Offre refusée', en: 'Offer declined' },
  'offer-expired': { fr: 'Offre expirée', en: 'Offer expired' },
  withdrawn: { fr: 'Retirée', en: 'Withdrawn' },
  unverified: { fr: 'Adresse courriel à confirmer', en: 'Email address to confirm' },
  'awaiting-confirmation': {
    fr: 'En attente de confirmation pour le quartier',
    en: 'Awaiting confirmation for the neighbourhood',
  },
  'not-confirmed': { fr: 'Non confirmée', en: 'Not confirmed' },
  'email-verified': { fr: 'Adresse courriel confirmée', en: 'Email address confirmed' },
  'trust-confirmed': { fr: 'Confirmée pour le quartier', en: 'Confirmed for the neighbourhood' },
  submitted: { fr: 'Soumise', en: 'Submitted' },
  declined: { fr: 'Déclinée par le partenaire', en: 'Declined by the partner' },
  rerouted: { fr: 'Réacheminée', en: 'Re-routed' },
  assigned: { fr: "Assignée par l'équipe PIC", en: 'Assigned by the PIC team' },
  'no-answer': { fr: 'Sans réponse du partenaire', en: 'No answer from the partner' },
  'offer-accepted': { fr: 'Offre acceptée', en: 'Offer accepted' },
  'waitlist-override': { fr: 'Placée en tête de liste', en: 'Moved to the front' },
};

/** The learning loop's steps, in order. */
export const STEP_LABELS: Record<string, Label> = {
  'identify-questions': { fr: 'Identifier les questions prioritaires', en: 'Identify priority questions' },
  plan: { fr: 'Planifier la démarche', en: 'Plan the approach' },
  'collect-data': { fr: 'Identifier et collecter les données pertinentes', en: 'Identify and collect relevant data' },
  analyse: { fr: 'Analyser les données', en: 'Analyse the data' },
  communicate: { fr: 'Communiquer les résultats', en: 'Communicate results' },
  reinvest: { fr: 'Réinvestir les apprentissages', en: 'Reinvest learnings' },
};

/** A label inside a sentence: its first letter in lower case ("Clarté stratégique" → "clarté stratégique"). */
export const inSentence = (label: string) => label.charAt(0).toLocaleLowerCase() + label.slice(1);

/** `key`'s label in `locale`, inside a sentence; the key itself when the catalogue has no word for it. */
export const wordFor = (labels: Record<string, Label>, key: string, locale: 'fr' | 'en') => {
  const label = Object.hasOwn(labels, key) ? labels[key] : undefined;
  return label ? inSentence(label[locale]) : key;
};
