/** The pages' words, French first. */
export type Locale = 'fr' | 'en';

const STRINGS = {
  skip: { fr: 'Aller au contenu', en: 'Skip to content' },
  switchTo: { fr: 'English', en: 'Français' },
  navHome: { fr: 'Offre', en: 'Offer' },
  navLearning: { fr: 'Accompagnement', en: 'Accompaniment' },
  navAdditional: { fr: 'Soutien additionnel', en: 'Additional support' },
  navActivities: { fr: 'Activités', en: 'Activities' },
  navStaff: { fr: 'Espace équipe', en: 'Staff area' },
  title: { fr: 'Renforcement des compétences et apprentissages', en: 'Skills and learning support' },
  intro: {
    fr: 'En faisant partie de la communauté PIC, les quartiers ont accès au soutien de partenaires externes qui les aident à renforcer leurs compétences et leurs apprentissages, selon trois axes.',
    en: 'As members of the PIC community, neighbourhoods get support from outside partners who help them build skills and capture learnings, along three axes.',
  },
  axis1: {
    fr: "1. Accompagnement-conseil sur une question d'apprentissage",
    en: '1. Advisory accompaniment on a learning question',
  },
  axis1Text: {
    fr: "31 heures par année avec Dynamo, Niska ou Yann Pezzini, pour une démarche de clarté stratégique, d'évaluation ou toute autre question de recherche. Les heures non utilisées peuvent être reportées d'un an (62 heures au plus). Au-delà, les heures sont à la charge du quartier. Le mode virtuel est privilégié.",
    en: '31 hours a year with Dynamo, Niska or Yann Pezzini, for strategic clarity, evaluation or another research question. Unused hours carry over for one year (62 hours at most). Beyond that, hours are billable to the neighbourhood. Virtual meetings are preferred.',
  },
  axis2: { fr: "2. Accompagnement-conseil sur d'autres éléments", en: '2. Advisory support on other topics' },
  axis2Text: {
    fr: "Jusqu'à 30 heures d'accompagnement additionnel de Dynamo, pour 9 quartiers par année, premier arrivé, premier servi. Discutez-en d'abord avec votre conseiller·ère Centraide-PIC.",
    en: 'Up to 30 hours of additional support from Dynamo, for 9 neighbourhoods a year, first come first served. Talk with your Centraide-PIC advisor first.',
  },
  axis3: { fr: '3. Activités collectives', en: '3. Collective activities' },
  axis3Text: {
    fr: "Formations, festival et ateliers d'échanges de pratiques, selon vos intérêts et disponibilités.",
    en: 'Trainings, a festival and practice-exchange workshops, as your interests and time allow.',
  },
  partners: { fr: 'Les 3 partenaires', en: 'The 3 partners' },
  loop: { fr: "La boucle d'apprentissage", en: 'The learning loop' },
  upcoming: { fr: 'Prochaines activités', en: 'Upcoming activities' },
  askLearning: { fr: "Faire une demande d'accompagnement", en: 'Ask for accompaniment' },
  askAdditional: { fr: 'Demander le soutien additionnel', en: 'Ask for additional support' },
  seeActivities: { fr: 'Voir les activités', en: 'See the activities' },
  proposeTopic: { fr: 'Proposer un sujet', en: 'Propose a topic' },
  joinList: { fr: "S'abonner à la liste d'envoi", en: 'Join the mailing list' },
  qr: { fr: 'Codes QR à imprimer', en: 'QR codes to print' },
  required: { fr: 'obligatoire', en: 'required' },
  quartier: { fr: 'Quartier', en: 'Neighbourhood' },
  choose: { fr: '— Choisir —', en: '— Choose —' },
  contactName: { fr: 'Nom de la personne-ressource', en: 'Contact name' },
  contactEmail: { fr: 'Courriel de la personne-ressource', en: 'Contact email' },
  contactPhone: { fr: 'Téléphone (facultatif)', en: 'Phone (optional)' },
  question: { fr: "Votre question d'apprentissage", en: 'Your learning question' },
  focus: { fr: 'Orientation de la démarche', en: 'Focus' },
  focusStrategic: { fr: 'Clarté stratégique', en: 'Strategic clarity' },
  focusEvaluation: { fr: 'Évaluation', en: 'Evaluation' },
  focusOther: { fr: 'Autre question de recherche', en: 'Another research question' },
  preferredPartner: { fr: 'Partenaire souhaité (facultatif)', en: 'Preferred partner (optional)' },
  noPreference: { fr: 'Pas de préférence', en: 'No preference' },
  estimatedHours: { fr: 'Estimation des heures (facultatif)', en: 'Estimated hours (optional)' },
  mode: { fr: 'Mode de rencontre', en: 'Meeting mode' },
  virtual: { fr: 'Virtuel (privilégié)', en: 'Virtual (preferred)' },
  inPerson: { fr: 'En personne', en: 'In person' },
  modeReason: { fr: 'Raison de la rencontre en personne', en: 'Reason for meeting in person' },
  billableAck: {
    fr: 'Je comprends que les heures au-delà des heures disponibles sont à la charge du quartier',
    en: 'I understand that hours beyond those available are billable to the neighbourhood',
  },
  send: { fr: 'Envoyer', en: 'Send' },
  sending: { fr: 'Envoi…', en: 'Sending…' },
  errorsTitle: { fr: 'Veuillez corriger les champs suivants :', en: 'Please correct the following fields:' },
  networkError: {
    fr: 'Le serveur ne répond pas. Vos réponses sont conservées : réessayez.',
    en: 'The server does not answer. Your answers are kept: try again.',
  },
  received: { fr: 'Demande reçue', en: 'Request received' },
  followLink: { fr: 'Suivre ma demande', en: 'Follow my request' },
  keepLink: { fr: 'Gardez ce lien : il donne accès à votre demande.', en: 'Keep this link: it opens your request.' },
  advisorFirst: {
    fr: 'Avant de faire cette demande, discutez-en avec votre conseiller·ère Centraide-PIC. Chantal Grandchamp (Dynamo) recevra votre demande, avec votre conseiller·ère en copie.',
    en: 'Before asking, talk it over with your Centraide-PIC advisor. Chantal Grandchamp (Dynamo) will receive your request, with your advisor copied.',
  },
  topic: { fr: "Sujet de l'accompagnement", en: 'Topic of the support' },
  advisorName: { fr: 'Nom du conseiller ou de la conseillère Centraide', en: 'Centraide advisor name' },
  advisorEmail: { fr: 'Courriel du conseiller ou de la conseillère Centraide', en: 'Centraide advisor email' },
  advisorConsulted: {
    fr: 'Nous en avons discuté avec notre conseiller·ère Centraide-PIC',
    en: 'We talked it over with our Centraide-PIC advisor',
  },
  granted: { fr: 'Place accordée', en: 'Slot granted' },
  waitlisted: { fr: "Liste d'attente", en: 'Waiting list' },
  register: { fr: "S'inscrire", en: 'Register' },
  name: { fr: 'Nom', en: 'Name' },
  email: { fr: 'Courriel', en: 'Email' },
  seatsLeft: { fr: 'places restantes', en: 'seats left' },
  full: { fr: "complet — liste d'attente", en: 'full — waiting list' },
  datesToCome: { fr: 'Dates à venir', en: 'Dates to come' },
  past: { fr: 'passée', en: 'past' },
  registered: {
    fr: 'Inscription confirmée : une invitation de calendrier vous a été envoyée.',
    en: 'Registration confirmed: a calendar invite was sent to you.',
  },
  registeredWait: {
    fr: "La session est complète : vous êtes sur la liste d'attente.",
    en: 'The session is full: you are on the waiting list.',
  },
  topicDetails: { fr: 'Détails (facultatif)', en: 'Details (optional)' },
  proposalSent: {
    fr: "Merci ! Votre proposition a été transmise à l'équipe PIC.",
    en: 'Thank you! Your proposal was sent to the PIC team.',
  },
  consent: { fr: 'Consentement', en: 'Consent' },
  subscribed: {
    fr: 'Presque terminé : confirmez votre adresse avec le lien reçu par courriel.',
    en: 'Almost done: confirm your address with the link we emailed you.',
  },
  status: { fr: 'Statut', en: 'Status' },
  partner: { fr: 'Partenaire', en: 'Partner' },
  step: { fr: 'Étape', en: 'Step' },
  hoursUsed: { fr: 'Heures utilisées', en: 'Hours used' },
  history: { fr: 'Historique', en: 'History' },
  slot: { fr: 'Place', en: 'Slot' },
  position: { fr: "Position sur la liste d'attente", en: 'Waiting-list position' },
  cancelRequest: { fr: 'Annuler la demande', en: 'Cancel the request' },
  releaseSlot: { fr: 'Libérer la place', en: 'Release the slot' },
  leaveList: { fr: "Quitter la liste d'attente", en: 'Leave the waiting list' },
  acceptOffer: { fr: 'Accepter la place offerte', en: 'Accept the offered slot' },
  declineOffer: { fr: 'Refuser la place', en: 'Decline the slot' },
  notFoundLink: { fr: "Ce lien n'est pas valide.", en: 'This link is not valid.' },
  accept: { fr: 'Accepter la demande', en: 'Accept the request' },
  decline: { fr: 'Décliner la demande', en: 'Decline the request' },
  reason: { fr: 'Motif', en: 'Reason' },
  done: { fr: "C'est fait.", en: 'Done.' },
  cancelRegistration: { fr: 'Annuler mon inscription', en: 'Cancel my registration' },
  confirmSubscription: { fr: 'Je confirme mon abonnement', en: 'I confirm my subscription' },
  unsubscribe: { fr: 'Me désabonner', en: 'Unsubscribe' },
  signIn: { fr: 'Connexion', en: 'Sign in' },
  signOut: { fr: 'Déconnexion', en: 'Sign out' },
  role: { fr: 'Rôle', en: 'Role' },
  coordination: { fr: 'Équipe de coordination', en: 'Coordination team' },
  partnerRole: { fr: 'Partenaire', en: 'Partner' },
  myRequests: { fr: 'Mes demandes', en: 'My requests' },
  staffTitle: { fr: "Qui a accès à l'espace équipe", en: 'Who has access to the staff area' },
  staffHintAws: {
    fr: "Une invitation crée le compte : la personne reçoit de Cognito un courriel (français et anglais) avec un mot de passe temporaire valide 7 jours, qu'elle remplace à sa première connexion. Retirer l'accès désactive le compte.",
    en: 'An invitation creates the account: the person gets an email from Cognito (French and English) with a temporary password valid for 7 days, replaced at the first sign-in. Revoking access disables the account.',
  },
  staffHintLocal: {
    fr: "Sur ce poste, les comptes sont enregistrés dans la table locale et aucun courriel n'est envoyé ; la connexion locale laisse choisir le rôle. Dans AWS, Cognito envoie l'invitation.",
    en: 'On this machine, accounts are recorded in the local table and no email is sent; the local sign-in lets you choose a role. In AWS, Cognito sends the invitation.',
  },
  staffInvite: { fr: 'Inviter une personne', en: 'Invite someone' },
  staffLocale: { fr: 'Langue de la personne', en: "The person's language" },
  staffCreated: { fr: 'Compte créé le', en: 'Created on' },
  staffInvited: { fr: 'En attente de la première connexion', en: 'Awaiting the first sign-in' },
  staffActive: { fr: 'Accès actif', en: 'Active' },
  staffDisabled: { fr: 'Accès retiré', en: 'Access revoked' },
  staffRevoke: { fr: "Retirer l'accès", en: 'Revoke access' },
  staffRevokeConfirm: { fr: "Retirer l'accès de", en: 'Revoke the access of' },
  logHours: { fr: 'Consigner des heures', en: 'Log hours' },
  date: { fr: 'Date', en: 'Date' },
  minutes: { fr: 'Durée (minutes)', en: 'Duration (minutes)' },
  available: { fr: 'Disponibles', en: 'Available' },
  billableWarning: {
    fr: 'Attention : ces heures dépassent le solde disponible et seront à la charge du quartier.',
    en: 'Warning: these hours exceed the available balance and will be billable to the neighbourhood.',
  },
  balances: { fr: "Soldes d'heures", en: 'Hour balances' },
  board: { fr: "Places d'accompagnement additionnel", en: 'Additional-support slots' },
  requests: { fr: 'Demandes', en: 'Requests' },
  failedEmails: { fr: 'Courriels en échec', en: 'Failed emails' },
  retry: { fr: 'Renvoyer', en: 'Retry' },
  yearOpening: { fr: "Ouverture de l'année", en: 'Year opening' },
  preview: { fr: 'Aperçu', en: 'Preview' },
  run: { fr: 'Exécuter', en: 'Run' },
  chart: { fr: 'Heures par partenaire et par mois', en: 'Hours per partner and month' },
  exportCsv: { fr: 'Exporter (CSV)', en: 'Export (CSV)' },
  override: { fr: 'Placer en tête (avec motif)', en: 'Move to the front (with a reason)' },
  audit: { fr: 'Journal', en: 'Audit trail' },
  none: { fr: 'Aucun élément.', en: 'Nothing here.' },
  print: { fr: 'Imprimer', en: 'Print' },
  downloadPng: { fr: 'Télécharger PNG', en: 'Download PNG' },
  downloadSvg: { fr: 'Télécharger SVG', en: 'Download SVG' },
  year: { fr: 'Année', en: 'Year' },
  importTitle: { fr: 'Importer les quartiers (tableur)', en: 'Import the neighbourhoods (spreadsheet)' },
  importHint: {
    fr: "Un fichier CSV enregistré par Excel (séparateur ; ou ,) : une ligne par personne-ressource, les colonnes ci-dessous dans n'importe quel ordre. openingCarryMinutes (facultatif) : les minutes reportées dans l'année en cours depuis avant le passage à ce site. L'aperçu n'enregistre rien ; appliquer valide toutes les lignes d'abord.",
    en: 'A CSV file saved by Excel (; or , separator): one row per contact, the columns below in any order. openingCarryMinutes (optional): the minutes carried into the current year from before the switch to this site. The preview records nothing; applying validates every row first.',
  },
  importFile: { fr: 'Fichier CSV', en: 'CSV file' },
  importFileHint: {
    fr: 'Dans Excel : Enregistrer sous… › CSV UTF-8 (délimité par des virgules).',
    en: 'In Excel: Save as… › CSV UTF-8 (comma delimited).',
  },
  importChoose: { fr: "Choisissez d'abord un fichier.", en: 'Choose a file first.' },
  importApply: { fr: "Appliquer l'import", en: 'Apply the import' },
  importErrors: {
    fr: "Le fichier n'a pas été importé : corrigez ces lignes",
    en: 'The file was not imported: fix these rows',
  },
  importDone: { fr: 'Import appliqué', en: 'Import applied' },
  importCreated: { fr: 'Créés', en: 'Created' },
  importUpdated: { fr: 'Modifiés', en: 'Updated' },
  importUnchanged: { fr: 'Inchangés', en: 'Unchanged' },
  importRowCreated: { fr: 'À créer', en: 'To create' },
  importRowUpdated: { fr: 'À modifier', en: 'To update' },
  importRowUnchanged: { fr: 'Inchangé', en: 'Unchanged' },
  importRowCreatedDone: { fr: 'Créé', en: 'Created' },
  importRowUpdatedDone: { fr: 'Modifié', en: 'Updated' },
  changeName: { fr: 'nom', en: 'name' },
  changeAdvisor: { fr: 'conseiller·ère', en: 'advisor' },
  changeEnrolledYear: { fr: "année d'adhésion", en: 'year enrolled' },
  changeContact: { fr: 'personne-ressource', en: 'contact' },
  changeOpeningCarry: { fr: "report d'ouverture", en: 'opening carry' },
  importLine: { fr: 'Ligne', en: 'Line' },
  importQuartier: { fr: 'Quartier', en: 'Neighbourhood' },
  importChanges: { fr: 'Ce qui change', en: 'What changes' },
  importExport: { fr: 'Exporter', en: 'Export' },
  importDownload: {
    fr: 'Télécharger le fichier des quartiers (CSV)',
    en: 'Download the neighbourhoods file (CSV)',
  },
} as const;

export type Key = keyof typeof STRINGS;
let current: Locale =
  (localStorage.getItem('pic-locale') as Locale | null) ?? (navigator.language?.startsWith('en') ? 'en' : 'fr');

export const locale = () => current;
export function setLocale(l: Locale) {
  current = l;
  localStorage.setItem('pic-locale', l);
  document.documentElement.lang = l;
}
export const t = (k: Key) => STRINGS[k][current];

export const STEPS: Record<string, { fr: string; en: string }> = {
  'identify-questions': { fr: 'Identifier les questions prioritaires', en: 'Identify priority questions' },
  plan: { fr: 'Planifier la démarche', en: 'Plan the approach' },
  'collect-data': { fr: 'Identifier et collecter les données pertinentes', en: 'Identify and collect relevant data' },
  analyse: { fr: 'Analyser les données', en: 'Analyse the data' },
  communicate: { fr: 'Communiquer les résultats', en: 'Communicate results' },
  reinvest: { fr: 'Réinvestir les apprentissages', en: 'Reinvest learnings' },
};

export const STATUS: Record<string, { fr: string; en: string }> = {
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
  withdrawn: { fr: "Retirée de la liste d'attente", en: 'Left the waiting list' },
  submitted: { fr: 'Soumise', en: 'Submitted' },
  declined: { fr: 'Déclinée par le partenaire', en: 'Declined by the partner' },
  rerouted: { fr: 'Réacheminée', en: 'Re-routed' },
  assigned: { fr: "Assignée par l'équipe PIC", en: 'Assigned by the PIC team' },
  'no-answer': { fr: 'Sans réponse du partenaire', en: 'No answer from the partner' },
  'offer-accepted': { fr: 'Offre acceptée', en: 'Offer accepted' },
  'waitlist-override': { fr: 'Placée en tête de liste', en: 'Moved to the front' },
};

export const label = (map: Record<string, { fr: string; en: string }>, key: string) =>
  map[key]?.[current] ??
  (key.startsWith('step:') ? `${t('step')} : ${map === STATUS ? (STEPS[key.slice(5)]?.[current] ?? key) : key}` : key);

export function hours(minutes: number) {
  const h = Math.floor(Math.abs(minutes) / 60);
  const m = Math.abs(minutes) % 60;
  return `${minutes < 0 ? '-' : ''}${h} h${m ? ` ${String(m).padStart(2, '0')}` : ''}`;
}

export function longDate(iso: string) {
  return new Intl.DateTimeFormat(current === 'en' ? 'en-CA' : 'fr-CA', { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${iso.slice(0, 10)}T00:00:00Z`),
  );
}
