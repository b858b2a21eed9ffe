/** User-facing messages of the API, French first. */
import type { Locale } from '#email/render';

const FIELD_LABELS: Record<string, { fr: string; en: string }> = {
  quartierId: { fr: 'Quartier', en: 'Neighbourhood' },
  'contact.name': { fr: 'Nom de la personne-ressource', en: 'Contact name' },
  'contact.email': { fr: 'Courriel de la personne-ressource', en: 'Contact email' },
  'contact.phone': { fr: 'Téléphone de la personne-ressource', en: 'Contact phone' },
  question: { fr: "Question d'apprentissage", en: 'Learning question' },
  focus: { fr: 'Orientation de la démarche', en: 'Focus' },
  preferredPartnerId: { fr: 'Partenaire souhaité', en: 'Preferred partner' },
  estimatedMinutes: { fr: 'Estimation des heures', en: 'Estimated hours' },
  billableAcknowledged: { fr: 'Heures à la charge du quartier', en: 'Billable hours' },
  mode: { fr: 'Mode de rencontre', en: 'Meeting mode' },
  modeReason: { fr: 'Raison de la rencontre en personne', en: 'Reason for meeting in person' },
  topic: { fr: 'Sujet', en: 'Topic' },
  'advisor.name': { fr: 'Nom du conseiller ou de la conseillère Centraide', en: 'Centraide advisor name' },
  'advisor.email': { fr: 'Courriel du conseiller ou de la conseillère Centraide', en: 'Centraide advisor email' },
  advisorConsulted: { fr: 'Discussion avec le conseiller ou la conseillère Centraide', en: 'Advisor consulted' },
  name: { fr: 'Nom', en: 'Name' },
  email: { fr: 'Courriel', en: 'Email' },
  date: { fr: 'Date', en: 'Date' },
  minutes: { fr: 'Durée (minutes)', en: 'Duration (minutes)' },
  step: { fr: "Étape de la boucle d'apprentissage", en: 'Learning-loop step' },
  requestId: { fr: 'Demande', en: 'Request' },
  year: { fr: 'Année', en: 'Year' },
  reason: { fr: 'Motif', en: 'Reason' },
  consent: { fr: 'Consentement', en: 'Consent' },
  body: { fr: 'Message', en: 'Message body' },
  'Idempotency-Key': {
    fr: "Clé d'idempotence (en-tête Idempotency-Key)",
    en: 'Idempotency key (Idempotency-Key header)',
  },
  subject: { fr: 'Objet', en: 'Subject' },
  details: { fr: 'Précisions', en: 'Details' },
  note: { fr: 'Note', en: 'Note' },
  place: { fr: 'Lieu', en: 'Place' },
  startTime: { fr: 'Heure de début', en: 'Start time' },
  virtualUrl: { fr: 'Lien de la rencontre virtuelle', en: 'Virtual meeting link' },
  registrationUrl: { fr: "Lien d'inscription externe", en: 'External registration link' },
  capacity: { fr: 'Nombre de places', en: 'Seats' },
  duration: { fr: 'Durée', en: 'Duration' },
  activityId: { fr: 'Activité', en: 'Activity' },
  sessionId: { fr: 'Session', en: 'Session' },
  role: { fr: 'Rôle', en: 'Role' },
  partnerId: { fr: 'Partenaire', en: 'Partner' },
  locale: { fr: 'Langue', en: 'Language' },
  // The columns of the quartiers spreadsheet (shared/usecases/import-quartiers.ts).
  id: { fr: 'Identifiant (id)', en: 'Identifier (id)' },
  advisorName: { fr: 'Nom du conseiller ou de la conseillère (advisorName)', en: 'Advisor name (advisorName)' },
  advisorEmail: {
    fr: 'Courriel du conseiller ou de la conseillère (advisorEmail)',
    en: 'Advisor email (advisorEmail)',
  },
  contactName: { fr: 'Nom de la personne-ressource (contactName)', en: 'Contact name (contactName)' },
  contactEmail: { fr: 'Courriel de la personne-ressource (contactEmail)', en: 'Contact email (contactEmail)' },
  enrolledYear: { fr: "Année d'adhésion (enrolledYear)", en: 'Year enrolled (enrolledYear)' },
  openingCarryMinutes: {
    fr: "Report d'ouverture en minutes (openingCarryMinutes)",
    en: 'Opening carry in minutes (openingCarryMinutes)',
  },
  audience: { fr: 'Destinataires', en: 'Recipients' },
  'yearStart.month': { fr: "Mois du début de l'année", en: 'Month the year starts' },
  'yearStart.day': { fr: "Jour du début de l'année", en: 'Day the year starts' },
  'learning.annualMinutes': { fr: 'Allocation annuelle (axe 1)', en: 'Annual allocation (axis 1)' },
  'learning.availableCapMinutes': {
    fr: 'Plafond des heures disponibles (axe 1)',
    en: 'Cap on available hours (axis 1)',
  },
  'learning.expiryReminderDays': {
    fr: 'Rappel avant expiration des heures reportées (jours)',
    en: 'Reminder before carried hours expire (days)',
  },
  'learning.thresholdsPercent': { fr: "Seuils d'avis d'utilisation (%)", en: 'Usage notice thresholds (%)' },
  'additional.slotsPerYear': { fr: 'Places par année (axe 2)', en: 'Slots per year (axis 2)' },
  'additional.minutesPerSlot': { fr: "Durée d'une place (axe 2)", en: 'Length of a slot (axis 2)' },
  'additional.offerDays': { fr: 'Délai pour accepter une place offerte (jours)', en: 'Days to accept an offered slot' },
  'routing.reminderBusinessDays': {
    fr: 'Relance du partenaire sans réponse (jours ouvrables)',
    en: 'Partner reminder without an answer (business days)',
  },
  'activities.reminderDaysBefore': {
    fr: 'Rappels avant une activité (jours)',
    en: 'Reminders before an activity (days)',
  },
  // ─── harvest (issue 18) ───
  kind: { fr: "Type d'entrée", en: 'Kind of entry' },
  text: { fr: 'Texte', en: 'Text' },
  actor: { fr: 'Qui a changé', en: 'Who changed' },
  change: { fr: 'Ce qui a changé', en: 'What changed' },
  contribution: { fr: "Contribution de l'accompagnement", en: 'How the accompaniment contributed' },
  evidence: { fr: 'Ce qui le montre', en: 'What shows it' },
  themes: { fr: 'Thèmes', en: 'Themes' },
  shared: { fr: 'Partage au-delà de l’équipe', en: 'Shared beyond the team' },
  'harvest.themes': { fr: 'Thèmes de la récolte', en: 'Harvest themes' },
};

export function fieldLabel(path: string, locale: Locale): string {
  const label = FIELD_LABELS[path] ?? FIELD_LABELS[path.split('.').pop() ?? ''];
  return label ? label[locale] : path || (locale === 'en' ? 'Request body' : 'Corps de la requête');
}

/** "Label : message" in French, "Label: message" in English (no space before the colon). */
export const labelled = (label: string, text: string, locale: Locale) =>
  `${label}${locale === 'en' ? ':' : ' :'} ${text}`;

/** A message about one field, named in the caller's language. */
export const fieldMessage = (path: string, text: string, locale: Locale) =>
  labelled(fieldLabel(path, locale), text, locale);

const MESSAGES = {
  required: { fr: 'obligatoire', en: 'required' },
  // What a person reads beside a field, GOV.UK-style: what to do, not what the parser expected ({n}: the limit).
  'check-to-confirm': { fr: 'cochez la case pour le confirmer', en: 'tick the box to confirm' },
  'email-format': {
    fr: 'entrez une adresse courriel au format nom@exemple.org',
    en: 'enter an email address in the format name@example.org',
  },
  'phone-format': {
    fr: 'entrez un numéro de téléphone, par exemple 514 555-1234',
    en: 'enter a phone number, for example 514 555-1234',
  },
  'choose-option': { fr: 'choisissez une des options proposées', en: 'choose one of the options' },
  'text-too-short': { fr: 'écrivez au moins {n} caractères', en: 'write at least {n} characters' },
  'text-too-long': { fr: 'écrivez au plus {n} caractères', en: 'write at most {n} characters' },
  'number-expected': { fr: 'entrez un nombre, par exemple 12', en: 'enter a number, for example 12' },
  'whole-number': { fr: 'entrez un nombre entier', en: 'enter a whole number' },
  'number-above': { fr: 'entrez un nombre plus grand que {n}', en: 'enter a number greater than {n}' },
  'number-at-least': { fr: 'entrez un nombre égal ou plus grand que {n}', en: 'enter a number of {n} or more' },
  'number-below': { fr: 'entrez un nombre plus petit que {n}', en: 'enter a number less than {n}' },
  'number-at-most': { fr: 'entrez un nombre égal ou plus petit que {n}', en: 'enter a number of {n} or less' },
  'list-too-short': { fr: 'indiquez au moins {n} valeur(s)', en: 'give at least {n} value(s)' },
  'list-too-long': { fr: 'indiquez au plus {n} valeurs', en: 'give at most {n} values' },
  'invalid-format': {
    fr: "cette valeur n'a pas le format attendu : vérifiez-la",
    en: 'this value is not in the expected format: check it',
  },
  'date-format': { fr: 'entrez une date au format AAAA-MM-JJ', en: 'enter a date in the format YYYY-MM-DD' },
  'unknown-field': { fr: "ce champ n'est pas permis ici", en: 'this field is not allowed here' },
  'question-too-short': {
    fr: 'décrivez votre question en une phrase au moins (10 caractères ou plus)',
    en: 'describe your question in one sentence at least (10 characters or more)',
  },
  'topic-too-short': {
    fr: 'décrivez le sujet en quelques mots au moins (10 caractères ou plus)',
    en: 'describe the topic in a few words at least (10 characters or more)',
  },
  'control-characters': { fr: 'contient des caractères non permis', en: 'contains characters that are not allowed' },
  'invisible-only': { fr: 'ne contient aucun caractère visible', en: 'has no visible character' },
  'invalid-time': { fr: 'une heure entre 00:00 et 23:59 est attendue', en: 'expected a time between 00:00 and 23:59' },
  'date-out-of-range': {
    fr: 'une date entre 2000-01-01 et 2099-12-31 est attendue',
    en: 'expected a date between 2000-01-01 and 2099-12-31',
  },
  'year-invalid': {
    fr: 'une année de programme comme 2025-2026 est attendue',
    en: 'expected a program year like 2025-2026',
  },
  'date-too-far': {
    fr: "une date d'au plus dix ans à venir est attendue",
    en: 'expected a date at most ten years ahead',
  },
  'https-only': {
    fr: 'une adresse web complète en https:// est attendue',
    en: 'expected a full https:// web address',
  },
  'cap-below-allocation': {
    fr: "le plafond d'heures disponibles doit être au moins l'allocation annuelle",
    en: 'the cap on available hours must be at least the annual allocation',
  },
  'not-ascending': { fr: 'les valeurs doivent être croissantes', en: 'values must be in increasing order' },
  duplicates: { fr: 'une même valeur apparaît deux fois', en: 'a value appears twice' },
  'required-when-in-person': {
    fr: 'obligatoire pour une rencontre en personne',
    en: 'required for an in-person meeting',
  },
  'malformed-json': { fr: "le corps de la requête n'est pas du JSON valide", en: 'the request body is not valid JSON' },
  'body-too-large': { fr: 'le corps de la requête est trop volumineux', en: 'the request body is too large' },
  'not-found': { fr: 'Introuvable.', en: 'Not found.' },
  unauthorized: { fr: 'Connexion requise.', en: 'Sign-in required.' },
  forbidden: { fr: 'Accès refusé.', en: 'Access denied.' },
  'unknown-quartier': { fr: 'Quartier inconnu.', en: 'Unknown neighbourhood.' },
  'already-requested': {
    fr: "Ce quartier a déjà fait une demande d'accompagnement additionnel cette année.",
    en: 'This neighbourhood already requested additional support this year.',
  },
  'billable-not-acknowledged': {
    fr: "L'estimation dépasse les heures disponibles : cochez que l'excédent est à la charge du quartier.",
    en: 'The estimate exceeds the available hours: confirm that the excess is billable to the neighbourhood.',
  },
  'future-date': {
    fr: 'Les heures ne peuvent pas être datées dans le futur.',
    en: 'Hours cannot be dated in the future.',
  },
  'before-enrolment': {
    fr: 'Ce quartier ne participait pas au programme à cette date.',
    en: 'This neighbourhood was not enrolled at that date.',
  },
  'before-enrolment-year': {
    fr: 'Ce quartier ne participait pas au programme cette année-là.',
    en: 'This neighbourhood was not enrolled that year.',
  },
  'future-year': {
    fr: "Cette année n'est pas encore commencée : rien ne peut y être consigné ni ajusté.",
    en: 'This year has not started yet: nothing can be logged or adjusted in it.',
  },
  'negative-total': {
    fr: 'Cet ajustement rendrait négatif le total des heures allouées ou utilisées de cette année.',
    en: "This adjustment would make the year's allocated or used hours negative.",
  },
  'unknown-request': {
    fr: "Cette demande n'existe pas pour ce quartier.",
    en: 'This request does not exist for this neighbourhood.',
  },
  'request-not-accepted': {
    fr: "Cette demande n'a pas été acceptée : aucune heure ne peut y être consignée.",
    en: 'This request has not been accepted: no hours can be logged on it.',
  },
  'before-acceptance': {
    fr: 'Les heures ne peuvent pas être datées avant le jour où la demande a été acceptée.',
    en: 'Hours cannot be dated before the day the request was accepted.',
  },
  'no-slot': {
    fr: "Ce quartier n'a pas de place d'accompagnement additionnel cette année.",
    en: 'This neighbourhood has no additional-support slot this year.',
  },
  'invalid-link': {
    fr: "Ce lien n'est pas valide ou a déjà été utilisé.",
    en: 'This link is invalid or was already used.',
  },
  'invalid-transition': {
    fr: "Cette action n'est pas possible dans l'état actuel de la demande.",
    en: "This action is not possible in the request's current state.",
  },
  'idempotency-key-reused': {
    fr: "Cette clé d'idempotence a déjà servi pour une autre requête.",
    en: 'This idempotency key was already used for another request.',
  },
  'idempotency-in-progress': {
    fr: "Une requête avec cette clé d'idempotence est en cours : réessayez dans un instant.",
    en: 'A request with this idempotency key is in progress: try again in a moment.',
  },
  'idempotency-key-invalid': {
    fr: 'au plus 200 caractères ASCII imprimables',
    en: 'at most 200 printable ASCII characters',
  },
  'hours-logged': {
    fr: 'Des heures ont déjà été consignées sur cette place.',
    en: 'Hours were already logged on this slot.',
  },
  'already-exists': { fr: 'Cet élément existe déjà.', en: 'This item already exists.' },
  'not-partner-request': {
    fr: "Cette demande n'est pas assignée à ce partenaire.",
    en: 'This request is not assigned to this partner.',
  },
  'year-not-open': { fr: "Cette année n'est pas encore commencée.", en: 'This year has not started yet.' },
  'year-not-started': {
    fr: "Cette année de programme n'est pas commencée : elle ne peut être ouverte qu'à partir de son premier jour (l'ouvrir plus tôt fermerait l'année en cours et ferait expirer ses heures reportées). Un aperçu (dryRun=true) reste possible.",
    en: 'This program year has not started: it can only be opened from its first day (opening it earlier would close the running year and expire its carried hours). A preview (dryRun=true) is still possible.',
  },
  'session-cancelled': { fr: 'Cette session est annulée.', en: 'This session is cancelled.' },
  'session-past': { fr: 'Cette session est passée.', en: 'This session is over.' },
  'registers-elsewhere': {
    fr: "L'inscription à cette session se fait sur le site de son organisateur : suivez le lien d'inscription.",
    en: "Registration for this session is on its organiser's site: follow the registration link.",
  },
  'already-registered': {
    fr: 'Cette adresse est déjà inscrite à cette session.',
    en: 'This address is already registered to this session.',
  },
  'no-offer': {
    fr: "Aucune offre de place n'est en cours pour cette demande.",
    en: 'No slot offer is open for this request.',
  },
  'email-not-verified': {
    fr: "La personne n'a pas encore confirmé son adresse : rien à confirmer pour l'instant.",
    en: 'The person has not confirmed their address yet: nothing to confirm for now.',
  },
  'partner-not-for-coordination': {
    fr: "l'équipe de coordination ne se rattache à aucun partenaire",
    en: 'the coordination team belongs to no partner',
  },
  'staff-already-exists': {
    fr: 'Un compte existe déjà pour cette adresse.',
    en: 'An account already exists for this address.',
  },
  'whole-minutes': { fr: 'un nombre entier de minutes est attendu', en: 'expected a whole number of minutes' },
  'missing-column': { fr: 'colonne absente de la ligne d’en-tête', en: 'column missing from the header line' },
  'duplicate-column': { fr: 'colonne présente deux fois', en: 'column appears twice' },
  'conflicting-row': {
    fr: 'diffère d’une ligne précédente du même quartier',
    en: 'differs from an earlier row of the same neighbourhood',
  },
  'carry-before-enrolment': {
    fr: "un report suppose une adhésion avant l'année en cours",
    en: 'a carry requires enrolment before the current year',
  },
  'empty-file': { fr: 'le fichier est vide', en: 'the file is empty' },
  'hours-before-enrolment': {
    fr: "ce quartier a déjà des heures au registre avant cette année : elle ne peut pas être son année d'adhésion",
    en: 'this neighbourhood already has hours on record before that year: it cannot be the year it enrolled',
  },
  'not-utf8': {
    fr: "le fichier n'est pas en UTF-8 : dans Excel, enregistrez-le en « CSV UTF-8 »",
    en: 'the file is not UTF-8: in Excel, save it as « CSV UTF-8 »',
  },
  'unsupported-media-type-csv': {
    fr: 'Le fichier doit être envoyé en CSV (Content-Type: text/csv).',
    en: 'The file must be sent as CSV (Content-Type: text/csv).',
  },
  'unknown-route': { fr: 'Route inconnue.', en: 'Unknown route.' },
  'method-not-allowed': { fr: 'Méthode non permise.', en: 'Method not allowed.' },
  'unsupported-media-type': {
    fr: 'Le corps doit être envoyé en JSON (Content-Type: application/json).',
    en: 'The body must be sent as JSON (Content-Type: application/json).',
  },
  'too-many-emails': {
    fr: 'Plusieurs courriels de ce type ont déjà été envoyés à cette adresse dans l’heure. Réessayez plus tard.',
    en: 'Several emails of this kind have already been sent to this address in the last hour. Please try again later.',
  },
  'too-many-requests': {
    fr: 'Trop de demandes envoyées depuis ce réseau. Réessayez dans quelques minutes.',
    en: 'Too many requests sent from this network. Please try again in a few minutes.',
  },
  // ─── harvest (issue 18) ───
  'journal-closed': {
    fr: "le journal de cette demande n'est pas ouvert (demande non confirmée ou annulée)",
    en: 'the journal of this request is not open (request not confirmed, or cancelled)',
  },
  'too-early-for-review': {
    fr: "les effets et le bilan après action s'écrivent une fois l'accompagnement commencé",
    en: 'outcomes and the after-action review are written once the accompaniment has started',
  },
  'step-required': {
    fr: "choisissez l'étape de la boucle d'apprentissage",
    en: 'choose the learning-loop step',
  },
  'consent-from-quartier': {
    fr: 'seul le quartier peut consentir à partager un effet au-delà de l’équipe du programme',
    en: 'only the neighbourhood can consent to share an outcome beyond the program team',
  },
  'unknown-theme': {
    fr: 'choisissez parmi les thèmes du programme',
    en: "choose among the program's themes",
  },
} as const;
export type MessageCode = keyof typeof MESSAGES;

export function message(code: MessageCode, locale: Locale, vars: Record<string, string | number> = {}): string {
  return MESSAGES[code][locale].replace(/\{(\w+)\}/g, (m, name: string) => String(vars[name] ?? m));
}

export function isMessageCode(value: string): value is MessageCode {
  return value in MESSAGES;
}

/** "line 3" in the caller's language, for an issue in an uploaded file. */
export const lineWord = (locale: Locale) => (locale === 'en' ? 'Line' : 'Ligne');

export function pickLocale(acceptLanguage: string | undefined, explicit?: unknown): Locale {
  if (explicit === 'en' || explicit === 'fr') return explicit;
  return /^\s*en\b/i.test(acceptLanguage ?? '') ? 'en' : 'fr';
}
