/** The pages' words, French first. The words the API and the emails show too come from shared/labels.ts. */
import { FOCUS_LABELS, STATUS_LABELS, STEP_LABELS, type FocusKey } from '#shared/labels';

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
  // The program's numbers come from the settings (GET /api/program), never from here; the summaries say the same
  // without them, for a page that could not read them (and index.html, written before any script runs).
  axis1Text: {
    fr: "{annual} par année avec Dynamo, Niska ou Yann Pezzini, pour une démarche de clarté stratégique, d'évaluation ou toute autre question de recherche. Les heures non utilisées peuvent être reportées d'un an ({cap} au plus). Au-delà, les heures sont à la charge du quartier. Le mode virtuel est privilégié.",
    en: '{annual} a year with Dynamo, Niska or Yann Pezzini, for strategic clarity, evaluation or another research question. Unused hours carry over for one year ({cap} at most). Beyond that, hours are billable to the neighbourhood. Virtual meetings are preferred.',
  },
  axis1Summary: {
    fr: "Des heures d'accompagnement chaque année avec Dynamo, Niska ou Yann Pezzini, pour une démarche de clarté stratégique, d'évaluation ou toute autre question de recherche. Les heures non utilisées peuvent être reportées d'un an. Au-delà, les heures sont à la charge du quartier. Le mode virtuel est privilégié.",
    en: 'Hours of accompaniment every year with Dynamo, Niska or Yann Pezzini, for strategic clarity, evaluation or another research question. Unused hours carry over for one year. Beyond that, hours are billable to the neighbourhood. Virtual meetings are preferred.',
  },
  axis2: { fr: "2. Accompagnement-conseil sur d'autres éléments", en: '2. Advisory support on other topics' },
  axis2Text: {
    fr: "Jusqu'à {slotHours} d'accompagnement additionnel de Dynamo, pour {slots} quartiers par année, premier arrivé, premier servi. Discutez-en d'abord avec votre conseiller·ère Centraide-PIC.",
    en: 'Up to {slotHours} of additional support from Dynamo, for {slots} neighbourhoods a year, first come first served. Talk with your Centraide-PIC advisor first.',
  },
  axis2Summary: {
    fr: "De l'accompagnement additionnel de Dynamo pour quelques quartiers chaque année, premier arrivé, premier servi. Discutez-en d'abord avec votre conseiller·ère Centraide-PIC.",
    en: 'Additional support from Dynamo for a few neighbourhoods every year, first come first served. Talk with your Centraide-PIC advisor first.',
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
  signInNeededTitle: { fr: 'Connexion requise', en: 'Sign-in required' },
  signInNeededPartner: {
    fr: 'Cette page est réservée aux partenaires : connectez-vous pour voir vos demandes.',
    en: 'This page is for the partners: sign in to see your requests.',
  },
  signInNeededCoordination: {
    fr: "Cette page est réservée à l'équipe de coordination : connectez-vous pour voir le tableau de bord.",
    en: 'This page is for the coordination team: sign in to see the dashboard.',
  },
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
  // Activities registered on the organiser's site, and the coordination's session, settings and bulk-message pages.
  newTab: { fr: 'nouvel onglet', en: 'new tab' },
  registersElsewhere: {
    fr: "L'inscription à cette session se fait sur le site de son organisateur.",
    en: "Registration for this session is on its organiser's site.",
  },
  adminPages: { fr: 'Gérer le programme', en: 'Run the program' },
  backToDashboard: { fr: 'Retour au tableau de bord', en: 'Back to the dashboard' },
  sessionsAdmin: { fr: 'Sessions des activités', en: 'Activity sessions' },
  addSession: { fr: 'Ajouter une session', en: 'Add a session' },
  activity: { fr: 'Activité', en: 'Activity' },
  startTime: { fr: 'Heure de début', en: 'Start time' },
  duration: { fr: 'Durée', en: 'Duration' },
  place: { fr: 'Lieu', en: 'Place' },
  virtualUrl: { fr: 'Lien de la rencontre virtuelle', en: 'Virtual meeting link' },
  capacity: { fr: 'Nombre de places', en: 'Seats' },
  capacityHint: { fr: 'Vide : sans limite.', en: 'Empty: no limit.' },
  registrationUrl: { fr: "Lien d'inscription externe", en: 'External registration link' },
  registrationUrlHint: {
    fr: "Les personnes s'inscriront sur ce site plutôt qu'ici. Vide : inscription ici, ou sur le site de l'activité s'il y en a un",
    en: 'People will register on that site rather than here. Empty: registration here, or on the activity’s site if it has one',
  },
  upcomingSessions: { fr: 'Sessions à venir', en: 'Upcoming sessions' },
  pastSessions: { fr: 'Sessions passées ou annulées', en: 'Past or cancelled sessions' },
  edit: { fr: 'Modifier', en: 'Change' },
  saveChanges: { fr: 'Enregistrer les modifications', en: 'Save the changes' },
  closeForm: { fr: 'Fermer', en: 'Close' },
  cancelSession: { fr: 'Annuler la session', en: 'Cancel the session' },
  confirmCancelSession: {
    fr: 'Annuler cette session ? Les personnes inscrites recevront un avis d’annulation. Ce geste est définitif.',
    en: 'Cancel this session? Registered people will get a cancellation notice. This cannot be undone.',
  },
  confirmCancelYes: { fr: 'Oui, annuler la session', en: 'Yes, cancel the session' },
  confirmCancelNo: { fr: 'Non, la garder', en: 'No, keep it' },
  sessionAdded: { fr: 'Session ajoutée.', en: 'Session added.' },
  sessionChanged: { fr: 'Session modifiée.', en: 'Session changed.' },
  sessionCancelled: { fr: 'Session annulée.', en: 'Session cancelled.' },
  noticesSent: { fr: 'avis envoyés', en: 'notices sent' },
  registeredCount: { fr: 'Inscrits', en: 'Registered' },
  registration: { fr: 'Inscription', en: 'Registration' },
  registrationHere: { fr: 'ici', en: 'here' },
  fromActivity: { fr: "lien de l'activité", en: "the activity's link" },
  schedule: { fr: 'Horaire', en: 'Time' },
  online: { fr: 'En ligne', en: 'Online' },
  noLimit: { fr: 'sans limite', en: 'no limit' },
  scheduled: { fr: 'Prévue', en: 'Scheduled' },
  settingsAdmin: { fr: 'Paramètres du programme', en: "The program's settings" },
  settingsIntro: {
    fr: "Ces règles s'appliquent à tout le programme. Le serveur vérifie l'ensemble avant d'enregistrer.",
    en: 'These rules apply to the whole program. The server checks them as a whole before saving.',
  },
  settingsYear: { fr: 'Année de programme', en: 'Program year' },
  settingsLearning: { fr: 'Axe 1 : accompagnement-conseil', en: 'Axis 1: advisory accompaniment' },
  settingsAdditional: { fr: 'Axe 2 : soutien additionnel', en: 'Axis 2: additional support' },
  settingsReminders: { fr: 'Rappels', en: 'Reminders' },
  yearStartMonth: { fr: "Mois du début de l'année", en: 'Month the year starts' },
  yearStartDay: { fr: "Jour du début de l'année", en: 'Day the year starts' },
  annualHours: { fr: 'Heures par année', en: 'Hours per year' },
  capHours: {
    fr: 'Plafond des heures disponibles (allocation et report)',
    en: 'Cap on available hours (allocation and carry-over)',
  },
  capHoursHint: {
    fr: "Au moins les heures par année ; la différence est ce qu'un quartier peut reporter.",
    en: 'At least the hours per year; the difference is what a neighbourhood can carry over.',
  },
  expiryReminderDays: {
    fr: 'Rappel avant expiration des heures reportées (jours)',
    en: 'Reminder before carried hours expire (days)',
  },
  thresholds: { fr: "Seuils d'avis d'utilisation (%)", en: 'Usage notice thresholds (%)' },
  listHint: {
    fr: 'Nombres séparés par des virgules, par exemple',
    en: 'Numbers separated by commas, for example',
  },
  slotsPerYear: { fr: 'Places par année', en: 'Slots per year' },
  hoursPerSlot: { fr: 'Heures par place', en: 'Hours per slot' },
  offerDays: { fr: 'Délai pour accepter une place offerte (jours)', en: 'Days to accept an offered slot' },
  partnerReminderDays: {
    fr: 'Relance d’un partenaire sans réponse (jours ouvrables)',
    en: 'Reminder to a partner who has not answered (business days)',
  },
  activityReminderDays: {
    fr: 'Rappels avant une activité (jours avant)',
    en: 'Reminders before an activity (days before)',
  },
  routingKept: {
    fr: "L'ordre des partenaires par orientation n'est pas modifié ici :",
    en: 'The order of partners for each focus is not changed here:',
  },
  saveSettings: { fr: 'Enregistrer les paramètres', en: 'Save the settings' },
  settingsSaved: { fr: 'Paramètres enregistrés.', en: 'Settings saved.' },
  bulkMessage: { fr: 'Message groupé', en: 'Bulk message' },
  bulkIntro: {
    fr: 'Chaque message part séparément, avec un lien de désabonnement. Les adresses désabonnées sont exclues.',
    en: 'Each message goes out separately, with an unsubscribe link. Unsubscribed addresses are left out.',
  },
  audience: { fr: 'Destinataires', en: 'Recipients' },
  audienceList: { fr: "Liste d'envoi (abonnements confirmés)", en: 'Mailing list (confirmed subscriptions)' },
  audienceRegistrants: { fr: 'Personnes inscrites à une session', en: 'People registered to a session' },
  audienceWaitlist: { fr: "Liste d'attente d'une session", en: "A session's waiting list" },
  session: { fr: 'Session', en: 'Session' },
  subject: { fr: 'Objet', en: 'Subject' },
  messageBody: { fr: 'Message', en: 'Message' },
  sendMessage: { fr: 'Envoyer le message', en: 'Send the message' },
  messageQueued: { fr: 'Message en cours d’envoi à', en: 'Message being sent to' },
  recipients: { fr: 'destinataires', en: 'recipients' },
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
  advisorNoteName: {
    fr: 'Personne conseillère consultée (pour information) — nom',
    en: 'Advisor you consulted (for information) — name',
  },
  advisorNoteEmail: {
    fr: 'Personne conseillère consultée (pour information) — courriel',
    en: 'Advisor you consulted (for information) — email',
  },
  advisorNoteHint: {
    fr: "Une note pour l'équipe PIC, facultative : c'est la personne conseillère au dossier du quartier qui est avisée.",
    en: 'An optional note for the PIC team: the advisor on file for the neighbourhood is the one notified.',
  },
  receivedUnverified: { fr: 'Demande reçue : confirmez votre adresse', en: 'Request received: confirm your address' },
  notOnFileYet: {
    fr: "Votre adresse n'est pas encore au dossier du quartier : vérifiez votre boîte courriel. Nous avons envoyé un lien à {email} pour confirmer qu'elle est bien la vôtre.",
    en: 'Your address is not on file for the neighbourhood yet: check your email. We sent a link to {email} to confirm that it is yours.',
  },
  thenAdvisor: {
    fr: "Ensuite, la personne conseillère Centraide-PIC du quartier ou l'équipe PIC confirmera que vous parlez au nom du quartier. Rien n'est transmis aux partenaires avant.",
    en: 'Then the Centraide-PIC advisor of the neighbourhood or the PIC team will confirm that you speak for the neighbourhood. Nothing is sent to the partners before that.',
  },
  noSlotYet: {
    fr: "Aucune place n'est réservée d'ici là : la demande prendra son rang (place ou liste d'attente) au moment de cette confirmation.",
    en: 'No slot is held until then: the request takes its turn (slot or waiting list) when it is confirmed.',
  },
  waitUnverified: {
    fr: "Vérifiez votre boîte courriel : nous avons envoyé un lien à l'adresse de la demande pour confirmer qu'elle est bien la vôtre.",
    en: "Check your email: we sent a link to the request's address to confirm that it is yours.",
  },
  waitConfirmation: {
    fr: "En attente : la personne conseillère Centraide-PIC du quartier ou l'équipe PIC doit confirmer que vous parlez au nom du quartier.",
    en: 'Waiting: the Centraide-PIC advisor of the neighbourhood or the PIC team must confirm that you speak for the neighbourhood.',
  },
  closedNotConfirmed: {
    fr: "Demande fermée : il n'a pas été confirmé que vous parlez au nom du quartier. Écrivez à l'équipe PIC si c'est une erreur.",
    en: 'Request closed: it was not confirmed that you speak for the neighbourhood. Write to the PIC team if this is a mistake.',
  },
  closedWithdrawn: { fr: 'Cette demande a été retirée.', en: 'This request was withdrawn.' },
  withdrawRequest: { fr: 'Retirer ma demande', en: 'Withdraw my request' },
  notMeTitle: { fr: "Ce n'était pas vous\u00a0? Retirez cette demande", en: 'Was this not you? Withdraw this request' },
  notMeText: {
    fr: "Si vous n'avez pas fait cette demande, retirez-la : rien ne sera fait en votre nom, et sa fiche gardera la mention « ce n'était pas moi ».",
    en: 'If you did not make this request, withdraw it: nothing will be done in your name, and its record will say “it was not me”.',
  },
  notMeConfirm: { fr: "Retirer cette demande : ce n'était pas moi", en: 'Withdraw this request: it was not me' },
  notMeReason: { fr: "ce n'était pas moi", en: 'it was not me' },
  alreadyClosed: { fr: 'Cette demande est déjà fermée.', en: 'This request is already closed.' },
  verifyTitle: { fr: 'Confirmer mon adresse courriel', en: 'Confirm my email address' },
  verifyText: {
    fr: 'Confirmez que cette adresse est bien la vôtre : votre demande pourra ensuite être confirmée pour le quartier.',
    en: 'Confirm that this address is yours: your request can then be confirmed for the neighbourhood.',
  },
  verifyButton: { fr: 'Je confirme que cette adresse est la mienne', en: 'I confirm this address is mine' },
  verifiedNext: {
    fr: "Merci, votre adresse est confirmée. La personne conseillère Centraide-PIC du quartier ou l'équipe PIC doit maintenant confirmer que vous parlez au nom du quartier ; vous recevrez un courriel dès que c'est fait.",
    en: 'Thank you, your address is confirmed. The Centraide-PIC advisor of the neighbourhood or the PIC team must now confirm that you speak for the neighbourhood; you will get an email as soon as it is done.',
  },
  verifiedAlready: {
    fr: 'Votre adresse était déjà confirmée. Statut de la demande : {status}.',
    en: 'Your address was already confirmed. Status of the request: {status}.',
  },
  confirmTitle: {
    fr: 'Cette personne parle-t-elle au nom du quartier\u00a0?',
    en: 'Does this person speak for the neighbourhood?',
  },
  confirmText: {
    fr: "Une personne dont l'adresse n'est pas encore au dossier a fait une demande au nom du quartier. Si vous confirmez, elle est ajoutée aux personnes-ressources du quartier et la demande est traitée dès maintenant.",
    en: 'Someone whose address is not on file yet made a request for the neighbourhood. If you confirm, they are added to its contacts and the request is served from now.',
  },
  whoAsks: { fr: 'Personne qui demande', en: 'Who asks' },
  what: { fr: 'Demande', en: 'Request' },
  receivedOn: { fr: 'Reçue le', en: 'Received on' },
  advisorNoted: { fr: 'Personne conseillère indiquée', en: 'Advisor named' },
  confirmTrust: {
    fr: 'Confirmer que cette personne parle au nom du quartier',
    en: 'Confirm that this person speaks for the neighbourhood',
  },
  refuse: { fr: 'Refuser', en: 'Refuse' },
  refuseConfirm: { fr: 'Refuser la demande', en: 'Refuse the request' },
  reasonOptional: { fr: 'Motif (facultatif, transmis à la personne)', en: 'Reason (optional, sent to the person)' },
  confirmedResult: {
    fr: '{name} est maintenant au dossier des personnes-ressources de {quartier}. Statut de la demande : {status}.',
    en: '{name} is now on file as a contact of {quartier}. Status of the request: {status}.',
  },
  refusedResult: {
    fr: 'La demande est fermée ; la personne en est avisée par courriel.',
    en: 'The request is closed; the person is told by email.',
  },
  trustClosed: {
    fr: "Il n'y a plus rien à confirmer pour cette demande. Statut : {status}.",
    en: 'There is nothing left to confirm for this request. Status: {status}.',
  },
  trustUnverified: {
    fr: "La personne n'a pas encore confirmé son adresse : rien à confirmer pour l'instant.",
    en: 'The person has not confirmed their address yet: nothing to confirm for now.',
  },
  toConfirm: { fr: 'À confirmer', en: 'To confirm' },
  contactsOnFile: { fr: 'Personnes-ressources', en: 'Contacts on file' },
  contactsIntro: {
    fr: 'Les personnes au dossier parlent au nom du quartier dans les formulaires publics : leurs demandes sont traitées sans attendre.',
    en: 'People on file speak for the neighbourhood on the public forms: their requests are served at once.',
  },
  language: { fr: 'Langue', en: 'Language' },
  addedOn: { fr: 'Ajoutée le', en: 'Added on' },
  addedBy: { fr: 'Ajoutée par', en: 'Added by' },
  addContact: { fr: 'Ajouter une personne-ressource', en: 'Add a contact' },
  remove: { fr: 'Retirer', en: 'Remove' },
  removeConfirm: { fr: 'Retirer {name} du dossier ?', en: 'Remove {name} from the file?' },
  yesRemove: { fr: 'Oui, retirer', en: 'Yes, remove' },
  keep: { fr: 'Annuler', en: 'Cancel' },
  kindLearning: { fr: 'Accompagnement-conseil (axe 1)', en: 'Advisory accompaniment (axis 1)' },
  kindAdditional: { fr: 'Soutien additionnel (axe 2)', en: 'Additional support (axis 2)' },
  // — issue 15 B
  pAllStatuses: { fr: 'Tous les statuts', en: 'All statuses' },
  pSort: { fr: 'Ordre', en: 'Order' },
  pNewest: { fr: "Les plus récentes d'abord", en: 'Newest first' },
  pOldest: { fr: "Les plus anciennes d'abord", en: 'Oldest first' },
  pContact: { fr: 'Personne-ressource', en: 'Contact' },
  pAvailable: { fr: 'Heures disponibles du quartier', en: "Neighbourhood's available hours" },
  pShown: { fr: '{n} demande(s) affichée(s) sur {total}', en: '{n} of {total} request(s) shown' },
  pAcceptConfirm: {
    fr: 'Accepter la demande de {quartier}\u00a0? Vous vous engagez à accompagner le quartier.',
    en: "Accept {quartier}'s request? You commit to accompanying the neighbourhood.",
  },
  pYesAccept: { fr: 'Oui, accepter', en: 'Yes, accept' },
  pDeclineConfirm: {
    fr: "Décliner la demande de {quartier}\u00a0? Elle sera transmise à un autre partenaire ou à l'équipe PIC.",
    en: "Decline {quartier}'s request? It will go to another partner or to the PIC team.",
  },
  pDeclineReason: { fr: "Motif (facultatif, transmis à l'équipe PIC)", en: 'Reason (optional, sent to the PIC team)' },
  pYesDecline: { fr: 'Oui, décliner', en: 'Yes, decline' },
  pAccepted: {
    fr: 'Demande de {quartier} acceptée\u00a0: vous pouvez consigner des heures.',
    en: "{quartier}'s request accepted: you can log hours.",
  },
  pDeclined: { fr: 'Demande de {quartier} déclinée.', en: "{quartier}'s request declined." },
  pDuration: { fr: 'Durée', en: 'Duration' },
  pDurationHint: {
    fr: 'Par exemple 1 h 30, 1:30, 1,5 h, ou 90 (en minutes).',
    en: 'For example 1 h 30, 1:30, 1.5 h, or 90 (in minutes).',
  },
  pDurationInvalid: {
    fr: 'Indiquez une durée, par exemple 1 h 30 ou 90.',
    en: 'Enter a duration, for example 1 h 30 or 90.',
  },
  pStepHint: {
    fr: "L'étape de la démarche où en est le quartier\u00a0; elle est enregistrée avec les heures.",
    en: 'The step of the approach the neighbourhood is at; it is saved with the hours.',
  },
  pBillableHours: {
    fr: 'Attention\u00a0: {hours} dépasseraient le solde disponible et seraient à la charge du quartier.',
    en: 'Warning: {hours} would exceed the available balance and be billable to the neighbourhood.',
  },
  pLogged: {
    fr: 'Heures consignées\u00a0: {hours} le {date}. Solde disponible\u00a0: {available}.',
    en: 'Hours logged: {hours} on {date}. Available balance: {available}.',
  },
  pLoggedBillable: {
    fr: 'Dont {hours} à la charge du quartier.',
    en: 'Of which {hours} billable to the neighbourhood.',
  },
  pPastEntries: { fr: 'Heures déjà consignées sur cette demande', en: 'Hours already logged on this request' },
  pNoEntries: { fr: 'Aucune heure consignée pour l’instant.', en: 'No hours logged yet.' },
  pBillable: { fr: 'à la charge du quartier', en: 'billable' },
  pTotal: { fr: 'Total\u00a0: {hours}', en: 'Total: {hours}' },
  pBack: { fr: 'Retour à mes demandes', en: 'Back to my requests' },
  pAvailableLine: { fr: 'Disponibles\u00a0: {available} sur {total}', en: 'Available: {available} of {total}' },
  pNote: { fr: 'Note (facultative)', en: 'Note (optional)' },
  // — issue 15 C
  attention: { fr: 'À traiter en premier', en: 'Needs attention first' },
  attentionNone: { fr: 'Rien en attente : tout est à jour.', en: 'Nothing waiting: everything is up to date.' },
  attnDecision: {
    fr: "{quartier} : demande en attente d'une décision de l'équipe",
    en: '{quartier}: request awaiting a team decision',
  },
  attnPartner: {
    fr: '{quartier} : en attente de la réponse de {partner} depuis le {date}',
    en: '{quartier}: awaiting an answer from {partner} since {date}',
  },
  attnOffer: {
    fr: '{quartier} : place {slot} offerte, réponse attendue au plus tard le {deadline}',
    en: '{quartier}: slot {slot} offered, answer due by {deadline}',
  },
  attnEmail: {
    fr: 'Courriel non remis à {to} : « {subject} » ({reason})',
    en: 'Email not delivered to {to}: “{subject}” ({reason})',
  },
  attnThreshold: {
    fr: '{quartier} : {hours} à la charge du quartier',
    en: '{quartier}: {hours} billable to the neighbourhood',
  },
  attnLow: { fr: '{quartier} : plus que {hours} disponibles', en: '{quartier}: only {hours} left' },
  offeredUntil: { fr: 'offerte jusqu’au {deadline}', en: 'offered until {deadline}' },
  free: { fr: 'libre', en: 'free' },
  reasonRequired: { fr: 'Motif (obligatoire, inscrit au journal)', en: 'Reason (required, kept in the audit trail)' },
  reasonMissing: {
    fr: 'Écrivez le motif : il est inscrit au journal de la demande.',
    en: 'Write the reason: it is kept in the request’s audit trail.',
  },
  cancel: { fr: 'Annuler', en: 'Cancel' },
  confirmRelease: { fr: 'Libérer la place', en: 'Release the slot' },
  confirmOverride: { fr: 'Placer en tête de liste', en: 'Move to the front' },
  hideAudit: { fr: 'Masquer le journal', en: 'Hide the audit trail' },
  montrealTime: { fr: 'heure de Montréal', en: 'Montreal time' },
  byRequester: { fr: 'la personne demandeuse', en: 'the requester' },
  bySystem: { fr: 'le système', en: 'the system' },
  byTeam: { fr: 'équipe de coordination', en: 'coordination team' },
  hoursLogged: { fr: 'Heures consignées', en: 'Hours logged' },
  billablePart: { fr: 'à la charge du quartier', en: 'billable to the neighbourhood' },
  noHoursLogged: {
    fr: "Aucune heure n'a encore été consignée pour cette demande.",
    en: 'No hours logged for this request yet.',
  },
  recipient: { fr: 'Destinataire', en: 'Recipient' },
  sentOn: { fr: 'Date', en: 'Date' },
  failReason: { fr: 'Cause', en: 'Cause' },
  mailUnreachable: { fr: 'Service de courriel injoignable', en: 'Email service unreachable' },
  mailRejected: { fr: 'Adresse refusée par le service de courriel', en: 'Address refused by the email service' },
  mailThrottled: { fr: 'Service de courriel saturé, réessayer plus tard', en: 'Email service busy, try again later' },
  mailSender: { fr: "Adresse d'expédition non vérifiée", en: 'Sender address not verified' },
  mailUnknown: { fr: "Échec d'envoi", en: 'Sending failed' },
  techDetail: { fr: 'Détail technique', en: 'Technical detail' },
  openingSummary: { fr: 'Ouverture de {year}', en: 'Opening of {year}' },
  openingPreview: { fr: 'Aperçu : rien n’est encore enregistré.', en: 'Preview: nothing recorded yet.' },
  openingDone: { fr: 'Année ouverte.', en: 'Year opened.' },
  openingQuartiers: { fr: 'Quartiers', en: 'Neighbourhoods' },
  openingCarried: { fr: 'Heures reportées', en: 'Hours carried over' },
  openingExpired: { fr: 'Heures expirées', en: 'Hours expired' },
  openingAllocated: { fr: 'Heures allouées', en: 'Hours allocated' },
  openingChanged: { fr: 'Soldes modifiés', en: 'Balances changed' },
  openingConfirm: {
    fr: "Ouvrir l'année {year} pour tous les quartiers ? Les soldes seront enregistrés.",
    en: 'Open {year} for every neighbourhood? The balances will be recorded.',
  },
  openingYes: { fr: "Oui, ouvrir l'année", en: 'Yes, open the year' },
  month: { fr: 'Mois', en: 'Month' },
  hoursAxis: { fr: 'Heures', en: 'Hours' },
  actions: { fr: 'Actions', en: 'Actions' },
  // — issue 15 A
  requestNumber: { fr: 'Numéro de demande', en: 'Request number' },
  nextStep: { fr: 'La suite', en: 'What happens next' },
  partnerWillWrite: {
    fr: '{partner} vous écrira d’ici {days} jours ouvrables pour convenir d’une première rencontre.',
    en: '{partner} will write to you within {days} business days to set up a first meeting.',
  },
  teamWillChoose: {
    fr: 'L’équipe PIC choisira le partenaire qui vous accompagnera et vous écrira dès que c’est fait.',
    en: 'The PIC team will choose the partner who will work with you and write to you as soon as it is done.',
  },
  copySent: {
    fr: 'Un courriel de confirmation a été envoyé à {email}.',
    en: 'A confirmation email was sent to {email}.',
  },
  availableHours: { fr: 'Heures disponibles pour le quartier', en: 'Hours available to the neighbourhood' },
  dynamoWillWrite: {
    fr: 'Chantal Grandchamp (Dynamo) vous écrira pour planifier l’accompagnement ; votre personne conseillère est en copie.',
    en: 'Chantal Grandchamp (Dynamo) will write to you to plan the support; your advisor is copied.',
  },
  waitlistNext: {
    fr: 'Si une place se libère, elle vous sera offerte par courriel, dans l’ordre de la liste. Vous pourrez alors l’accepter ou la refuser.',
    en: 'If a place frees up, it will be offered to you by email, in the order of the list. You can then accept or decline it.',
  },
  placesLeft: {
    fr: 'Il reste {left} places sur {capacity} cette année.',
    en: '{left} of the {capacity} places are left this year.',
  },
  placesLeftOne: {
    fr: 'Il reste 1 place sur {capacity} cette année.',
    en: '1 of the {capacity} places is left this year.',
  },
  placesFullTitle: {
    fr: 'Les {capacity} places de cette année sont prises',
    en: 'All {capacity} places this year are taken',
  },
  placesFull: {
    fr: "Vous pouvez quand même faire la demande : elle sera inscrite sur la liste d'attente, et une place qui se libère vous sera offerte par courriel.",
    en: 'You can still ask: your request will join the waiting list, and a place that frees up will be offered to you by email.',
  },
  placesFullWaiting: {
    fr: "Vous pouvez quand même faire la demande : elle sera inscrite sur la liste d'attente, après {waiting} demande(s) déjà en attente. Une place qui se libère vous sera offerte par courriel.",
    en: 'You can still ask: your request will join the waiting list, after {waiting} request(s) already waiting. A place that frees up will be offered to you by email.',
  },
  waitlistedTitle: {
    fr: "Votre demande est sur la liste d'attente (position {position})",
    en: 'Your request is on the waiting list (position {position})',
  },
  joinWaitingList: { fr: "M'inscrire sur la liste d'attente", en: 'Join the waiting list' },
  otherSupportIntro: {
    fr: 'En attendant, d’autres soutiens existent :',
    en: 'In the meantime, other support is available:',
  },
  otherSupportRcl: {
    fr: "l'offre RCL de Centraide ;",
    en: "Centraide's RCL offer;",
  },
  leadershipRassembleur: { fr: 'Leadership rassembleur', en: 'Leadership rassembleur' },
  leadershipRassembleurText: {
    fr: '(Centraide du Grand Montréal) ;',
    en: '(Centraide of Greater Montreal);',
  },
  talkToAdvisor: {
    fr: 'parlez-en à votre personne conseillère Centraide-PIC.',
    en: 'talk it over with your Centraide-PIC advisor.',
  },
  alreadyRequestedTitle: { fr: 'Une demande existe déjà', en: 'A request already exists' },
  alreadyRequestedElsewhere: {
    fr: "Le lien pour la suivre a été envoyé par courriel à la personne qui l'a faite (« Suivre ma demande »). Vous ne le retrouvez pas ? Écrivez à l'équipe PIC : {email}, en donnant le numéro de demande.",
    en: 'The link to follow it was emailed to the person who made it (“Follow my request”). Cannot find it? Write to the PIC team: {email}, giving the request number.',
  },
  virtualPlace: { fr: 'virtuel', en: 'virtual' },
  placeToCome: { fr: 'lieu à venir', en: 'place to be announced' },
  subscribedTo: {
    fr: 'Presque terminé : nous avons envoyé un lien à {email}. Ouvrez-le pour confirmer votre abonnement.',
    en: 'Almost done: we sent a link to {email}. Open it to confirm your subscription.',
  },
  billableHours: { fr: 'Heures à la charge du quartier', en: 'Hours billable to the neighbourhood' },
  confirmCancelRequest: {
    fr: 'Annuler cette demande ? Le partenaire en sera avisé. Ce geste est définitif.',
    en: 'Cancel this request? The partner will be told. This cannot be undone.',
  },
  confirmWithdrawRequest: {
    fr: 'Retirer cette demande ? Ce geste est définitif.',
    en: 'Withdraw this request? This cannot be undone.',
  },
  confirmReleaseSlot: {
    fr: 'Libérer votre place ? Elle sera offerte au quartier suivant sur la liste. Ce geste est définitif.',
    en: 'Release your place? It will be offered to the next neighbourhood on the list. This cannot be undone.',
  },
  confirmLeaveList: {
    fr: "Quitter la liste d'attente ? Ce geste est définitif.",
    en: 'Leave the waiting list? This cannot be undone.',
  },
  confirmDeclineOffer: {
    fr: 'Refuser la place offerte ? Elle sera offerte au quartier suivant. Ce geste est définitif.',
    en: 'Decline the offered place? It will go to the next neighbourhood. This cannot be undone.',
  },
  yesConfirm: { fr: 'Oui, confirmer', en: 'Yes, confirm' },
  noGoBack: { fr: 'Non, revenir', en: 'No, go back' },
  requestChanged: { fr: 'C’est fait : la demande est à jour ci-dessous.', en: 'Done: the request is updated below.' },
  cancelRegistrationOf: {
    fr: 'Vous allez annuler votre inscription à : {what}.',
    en: 'You are about to cancel your registration to: {what}.',
  },
  registrationCancelled: {
    fr: 'Votre inscription à {what} est annulée. Votre place est libérée pour une autre personne.',
    en: 'Your registration to {what} is cancelled. Your seat is freed for someone else.',
  },
  registrationCancelledShort: { fr: 'Votre inscription est annulée.', en: 'Your registration is cancelled.' },
  subscriptionFor: { fr: 'Adresse : {email}', en: 'Address: {email}' },
  subscriptionWelcome: {
    fr: "Bienvenue ! {email} est maintenant abonnée à la liste d'envoi du PIC : vous recevrez les annonces des activités. Chaque courriel contient un lien pour vous désabonner.",
    en: 'Welcome! {email} is now subscribed to the PIC mailing list: you will get the activity announcements. Every email has a link to unsubscribe.',
  },
  unsubscribed: {
    fr: "{email} ne recevra plus les courriels de la liste d'envoi du PIC. Vous pouvez vous réabonner en tout temps.",
    en: '{email} will no longer get emails from the PIC mailing list. You can subscribe again at any time.',
  },
  // — issue 15 D
  loading: { fr: 'Chargement…', en: 'Loading…' },
  notFoundTitle: { fr: 'Page introuvable', en: 'Page not found' },
  notFoundText: {
    fr: "L'adresse ne correspond à aucune page de ce site. Si vous l'avez tapée, vérifiez-la ; si vous avez suivi un lien, il est peut-être incomplet : copiez-le en entier depuis le courriel reçu.",
    en: 'This address matches no page of this site. If you typed it, check it; if you followed a link, it may be incomplete: copy the whole link from the email you received.',
  },
  notFoundHome: { fr: "Retour à l'offre", en: 'Back to the offer' },
  notFoundHelp: { fr: "Besoin d'aide ? Écrivez à l'équipe PIC.", en: 'Need help? Write to the PIC team.' },
  menu: { fr: 'Menu', en: 'Menu' },
  // ─── harvest (issue 18): the journal, outcome statements, the year's harvest ───
  hJournal: { fr: "Journal d'apprentissage", en: 'Learning journal' },
  hJournalIntro: {
    fr: "Ce que cet accompagnement vous apprend : l'intention avant d'agir, des notes à chaque étape, le bilan après action. Visible par le quartier, le partenaire et l'équipe du programme.",
    en: 'What this accompaniment teaches: the intent before acting, notes at each step, the after-action review. Seen by the neighbourhood, the partner and the program team.',
  },
  hNoEntries: { fr: 'Rien encore dans le journal.', en: 'Nothing in the journal yet.' },
  hKind: { fr: "Type d'entrée", en: 'Kind of entry' },
  hIntent: { fr: 'Intention (avant action)', en: 'Intent (before action)' },
  hIntentHint: {
    fr: 'Qu’est-ce qui sera différent si cela réussit ? Comment le saurons-nous ?',
    en: 'What will be different if this succeeds? How will we know?',
  },
  hStepNote: { fr: "Note d'étape", en: 'Step note' },
  hAfterAction: { fr: 'Bilan après action', en: 'After-action review' },
  hAfterActionHint: {
    fr: 'Ce qui était prévu, ce qui est arrivé, pourquoi, ce que nous ferons autrement.',
    en: 'What was intended, what happened, why, what we will do differently.',
  },
  hText: { fr: 'Texte', en: 'Text' },
  hAddEntry: { fr: 'Ajouter au journal', en: 'Add to the journal' },
  hEdit: { fr: 'Modifier', en: 'Edit' },
  hSave: { fr: 'Enregistrer', en: 'Save' },
  hCancel: { fr: 'Annuler', en: 'Cancel' },
  hBy: { fr: 'par', en: 'by' },
  hEdited: { fr: 'modifié', en: 'edited' },
  hRequester: { fr: 'le quartier', en: 'the neighbourhood' },
  hCoordination: { fr: "l'équipe du programme", en: 'the program team' },
  hOutcomes: { fr: 'Effets constatés', en: 'Outcomes' },
  hOutcomesIntro: {
    fr: 'Qui a changé, ce qui a changé, comment l’accompagnement y a contribué, ce qui le montre.',
    en: 'Who changed, what changed, how the accompaniment contributed, what shows it.',
  },
  hNoOutcomes: { fr: 'Aucun effet noté pour l’instant.', en: 'No outcome recorded yet.' },
  hActor: { fr: 'Qui a changé', en: 'Who changed' },
  hChange: { fr: 'Ce qui a changé', en: 'What changed' },
  hContribution: { fr: "Contribution de l'accompagnement", en: 'How the accompaniment contributed' },
  hEvidence: { fr: 'Ce qui le montre', en: 'What shows it' },
  hThemes: { fr: 'Thèmes', en: 'Themes' },
  hAddOutcome: { fr: 'Noter un effet', en: 'Record an outcome' },
  hShared: { fr: 'Partagé au-delà de l’équipe du programme', en: 'Shared beyond the program team' },
  hNotShared: { fr: 'Non partagé', en: 'Not shared' },
  hShareConsent: {
    fr: 'Nous acceptons que cet effet soit partagé au-delà de l’équipe du programme (récolte publique, festival), avec le nom du quartier et sans données personnelles.',
    en: 'We agree that this outcome be shared beyond the program team (public harvest, festival), with the neighbourhood’s name and no personal data.',
  },
  hShare: { fr: 'Partager', en: 'Share' },
  hUnshare: { fr: 'Ne plus partager', en: 'Stop sharing' },
  hOnlyQuartierShares: {
    fr: 'Seul le quartier peut consentir au partage, depuis sa page de suivi.',
    en: 'Only the neighbourhood can consent to sharing, from its status page.',
  },
  hEarlier: { fr: 'Ce que le quartier a appris auparavant', en: 'What the neighbourhood learned before' },
  hEarlierIntro: {
    fr: 'Les effets et bilans des accompagnements précédents du quartier : la prochaine boucle part de là.',
    en: "The outcomes and reviews of the neighbourhood's earlier accompaniments: the next loop starts from there.",
  },
  hHarvest: { fr: 'Récolte des apprentissages', en: 'Learning harvest' },
  hHarvestIntro: {
    fr: "Les effets et bilans après action de l'année, par quartier, partenaire, orientation et thème.",
    en: "The year's outcomes and after-action reviews, by neighbourhood, partner, focus and theme.",
  },
  hYear: { fr: 'Année', en: 'Year' },
  hAllThemes: { fr: 'Tous les thèmes', en: 'All themes' },
  hAllFocus: { fr: 'Toutes les orientations', en: 'All focuses' },
  hAllPartners: { fr: 'Tous les partenaires', en: 'All partners' },
  hFocus: { fr: 'Orientation', en: 'Focus' },
  hPartner: { fr: 'Partenaire', en: 'Partner' },
  hQuartier: { fr: 'Quartier', en: 'Neighbourhood' },
  hCounts: { fr: 'En chiffres', en: 'In numbers' },
  hCountLine: {
    fr: 'Effets : {outcomes} (partagés : {shared}) · Bilans après action : {reviews} · Quartiers : {quartiers}',
    en: 'Outcomes: {outcomes} (shared: {shared}) · After-action reviews: {reviews} · Neighbourhoods: {quartiers}',
  },
  hReviews: { fr: 'Bilans après action', en: 'After-action reviews' },
  hCsv: { fr: 'Télécharger (CSV pour Excel)', en: 'Download (CSV for Excel)' },
  hPrint: { fr: 'Version imprimable (festival)', en: 'Printable version (festival)' },
  hPrintNow: { fr: 'Imprimer', en: 'Print' },
  hBackToBrowse: { fr: 'Retour à la récolte', en: 'Back to the harvest' },
  hNoTheme: { fr: 'Sans thème', en: 'No theme' },
  hNothing: { fr: 'Rien ne correspond à ces filtres.', en: 'Nothing matches these filters.' },
  hSettingsThemes: { fr: 'Récolte des apprentissages', en: 'Learning harvest' },
  hThemesList: { fr: 'Thèmes de la récolte', en: 'Harvest themes' },
  hThemesHint: { fr: 'Un thème par ligne.', en: 'One theme a line.' },
  // ─── privacy (issue 19) ───
  privacyLink: { fr: 'Confidentialité', en: 'Privacy' },
  privacyTitle: { fr: 'Confidentialité et renseignements personnels', en: 'Privacy and personal information' },
  privacyIntro: {
    fr: 'Centraide recueille le minimum de renseignements personnels nécessaires au programme PIC, conformément à la Loi sur la protection des renseignements personnels dans le secteur privé du Québec (Loi 25).',
    en: "Centraide collects the minimum personal information the PIC program needs, under Québec's Act respecting the protection of personal information in the private sector (Law 25).",
  },
  privacyOfficer: { fr: 'Personne responsable', en: 'Person in charge' },
  privacyOfficerText: {
    fr: 'La personne responsable de la protection des renseignements personnels répond de vos données :',
    en: 'The person in charge of the protection of personal information answers for your data:',
  },
  privacyCollected: { fr: 'Ce que nous recueillons et pourquoi', en: 'What we collect and why' },
  privacy_requests: {
    fr: "Demandes d'accompagnement et de soutien additionnel : nom, courriel, téléphone (facultatif, seulement pour vous joindre) et votre question, pour traiter la demande et vous en informer.",
    en: 'Accompaniment and additional-support requests: name, email, phone (optional, only to reach you) and your question, to handle the request and keep you informed.',
  },
  privacy_registrations: {
    fr: 'Inscriptions aux activités : nom et courriel, pour réserver votre place et vous envoyer les rappels.',
    en: 'Activity registrations: name and email, to hold your seat and send you reminders.',
  },
  'privacy_mailing-list': {
    fr: "Liste d'envoi : courriel et preuve de votre consentement (date, libellé accepté), pour vous écrire et démontrer votre accord.",
    en: 'Mailing list: email and the record of your consent (date, wording accepted), to write to you and show your agreement.',
  },
  privacy_contacts: {
    fr: 'Personnes-ressources des quartiers : nom et courriel, pour savoir qui peut parler au nom du quartier.',
    en: 'Neighbourhood contacts: name and email, to know who may speak for the neighbourhood.',
  },
  privacy_proposals: {
    fr: "Propositions de sujets : nom, courriel et sujet, pour préparer les ateliers d'échange.",
    en: 'Topic proposals: name, email and topic, to prepare the practice-exchange workshops.',
  },
  privacy_emails: {
    fr: 'Courriels envoyés : adresse et contenu, pour vous joindre et savoir ce qui a été envoyé.',
    en: 'Emails sent: address and content, to reach you and know what was sent.',
  },
  privacyKept: { fr: 'Combien de temps', en: 'How long' },
  privacyKeptText: {
    fr: "Vos renseignements sont conservés {years} an(s) après la fermeture d'une demande ou la tenue d'une activité, puis anonymisés automatiquement.",
    en: 'Your information is kept {years} year(s) after a request closes or an activity takes place, then anonymised automatically.',
  },
  privacyWhere: { fr: 'Où', en: 'Where' },
  privacyWhereText: {
    fr: 'Les données sont hébergées au Canada (région AWS {region}, Montréal).',
    en: 'The data is stored in Canada (AWS region {region}, Montreal).',
  },
  privacyRights: { fr: 'Vos droits', en: 'Your rights' },
  privacyRightsText: {
    fr: "Vous pouvez demander d'accéder à vos renseignements (et de les recevoir dans un format structuré), de les faire corriger ou effacer, ou retirer votre consentement. Écrivez à la personne responsable : nous répondons dans un délai de {days} jours.",
    en: 'You may ask to access your information (and receive it in a structured format), to have it corrected or erased, or withdraw your consent. Write to the person in charge: we answer within {days} days.',
  },
  settingsPrivacy: { fr: 'Confidentialité (Loi 25)', en: 'Privacy (Law 25)' },
  privacyOfficerName: { fr: 'Personne responsable (nom, fonction)', en: 'Person in charge (name, title)' },
  privacyOfficerEmail: { fr: 'Son courriel', en: 'Their email' },
  privacyOfficerAddress: { fr: 'Son adresse postale', en: 'Their postal address' },
  privacyRetentionYears: { fr: 'Conservation (années)', en: 'Retention (years)' },
  privacyRetentionHint: {
    fr: "Après la fermeture d'une demande ou la tenue d'une activité.",
    en: 'After a request closes or an activity takes place.',
  },
  paTitle: { fr: 'Renseignements personnels', en: 'Personal information' },
  paIntro: {
    fr: "Les demandes d'accès et d'effacement : répondez dans les 30 jours. L'effacement garde qui, quand et pourquoi, jamais l'adresse.",
    en: 'Requests for access and erasure: answer within 30 days. Erasure keeps who, when and why, never the address.',
  },
  paAccess: { fr: 'Accès et portabilité', en: 'Access and portability' },
  paFind: { fr: 'Chercher', en: 'Find' },
  paRequests: { fr: 'Demandes', en: 'Requests' },
  paRegistrations: { fr: 'Inscriptions', en: 'Registrations' },
  paMailingList: { fr: "Liste d'envoi", en: 'Mailing list' },
  paContacts: { fr: 'Personne-ressource de quartier', en: 'Neighbourhood contact' },
  paProposals: { fr: 'Propositions de sujets', en: 'Topic proposals' },
  paJournal: { fr: 'Entrées de journal', en: 'Journal entries' },
  paOutcomes: { fr: 'Effets', en: 'Outcomes' },
  paEmails: { fr: 'Courriels', en: 'Emails' },
  paJson: { fr: 'Télécharger (JSON)', en: 'Download (JSON)' },
  paCsv: { fr: 'Télécharger (CSV)', en: 'Download (CSV)' },
  paErase: { fr: 'Effacement', en: 'Erasure' },
  paEraseHint: {
    fr: "Noms, adresses et téléphones remplacés partout, courriels en attente annulés, liens désactivés. Les heures, places et nombres ne changent pas. C'est irréversible.",
    en: 'Names, addresses and phones replaced everywhere, pending emails cancelled, links disabled. Hours, seats and counts do not change. This cannot be undone.',
  },
  paReason: { fr: 'Raison (conservée)', en: 'Reason (kept)' },
  paEraseNow: { fr: 'Effacer cette personne', en: 'Erase this person' },
  paErased: {
    fr: 'Effacé : {records} enregistrement(s) anonymisé(s), {emails} courriel(s) annulé(s).',
    en: 'Erased: {records} record(s) anonymised, {emails} email(s) cancelled.',
  },
  privacyNextRun: {
    fr: 'Conservation : la prochaine exécution quotidienne anonymisera {requests} demande(s), {registrations} inscription(s) et {others} autre(s) enregistrement(s).',
    en: 'Retention: the next daily run will anonymise {requests} request(s), {registrations} registration(s) and {others} other record(s).',
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
export const t = (k: Key, vars: Record<string, string> = {}) =>
  STRINGS[k][current].replace(/\{(\w+)\}/g, (m, name: string) => vars[name] ?? m);

export const STEPS = STEP_LABELS;

export const STATUS = STATUS_LABELS;

export const FOCUS = FOCUS_LABELS;
/** A request's focus, as the forms and lists name it. */
export const focusLabel = (focus: FocusKey) => FOCUS_LABELS[focus][current];

export const label = (map: Record<string, { fr: string; en: string }>, key: string) =>
  map[key]?.[current] ??
  (key.startsWith('step:')
    ? `${colon(t('step'))} ${map === STATUS ? (STEPS[key.slice(5)]?.[current] ?? key) : key}`
    : key);

/** "Étape :" in French, "Step:" in English: English takes no space before a colon. */
export const colon = (text: string) => (current === 'en' ? `${text}:` : `${text} :`);

export function hours(minutes: number) {
  const h = Math.floor(Math.abs(minutes) / 60);
  const m = Math.abs(minutes) % 60;
  return `${minutes < 0 ? '-' : ''}${h} h${m ? ` ${String(m).padStart(2, '0')}` : ''}`;
}

/** The program's numbers as the offer quotes them (GET /api/program). */
export type ProgramNumbers = {
  learning: { annualMinutes: number; availableCapMinutes: number };
  additional: { slotsPerYear: number; minutesPerSlot: number };
};

/** "n heures" / "n hours"; an amount that is not whole hours as a duration ("2 h 30"). */
function hoursInWords(minutes: number) {
  if (minutes % 60) return hours(minutes);
  const n = minutes / 60;
  return current === 'en' ? `${n} hour${n === 1 ? '' : 's'}` : `${n} heure${n < 2 ? '' : 's'}`;
}

/** An axis of the offer with the program's numbers, or the same without them when they could not be read. */
export function axisText(axis: 1 | 2, program: ProgramNumbers | null) {
  if (!program) return t(axis === 1 ? 'axis1Summary' : 'axis2Summary');
  return axis === 1
    ? t('axis1Text', {
        annual: hoursInWords(program.learning.annualMinutes),
        cap: hoursInWords(program.learning.availableCapMinutes),
      })
    : t('axis2Text', {
        slotHours: hoursInWords(program.additional.minutesPerSlot),
        slots: String(program.additional.slotsPerYear),
      });
}

/** "S'inscrire sur le site de Dynamo" / "Register on Dynamo's site" (French elides "de" before a vowel). */
export function registerOnSiteOf(organiser: string) {
  if (current === 'en') return `Register on ${organiser}'s site`;
  return /^[aeiouyàâéèêëîïôûh]/i.test(organiser)
    ? `S'inscrire sur le site d'${organiser}`
    : `S'inscrire sur le site de ${organiser}`;
}

export function longDate(iso: string) {
  return new Intl.DateTimeFormat(current === 'en' ? 'en-CA' : 'fr-CA', { dateStyle: 'long', timeZone: 'UTC' }).format(
    new Date(`${iso.slice(0, 10)}T00:00:00Z`),
  );
}

// — issue 15 A
/** The number a person quotes on the phone: the request id's last six characters. */
export const referenceOf = (id: string) => id.slice(-6).toUpperCase();

/** "Numéro de demande :" in French, "Request number:" in English (no space before an English colon). */
export const labelled = (text: string) => (current === 'en' ? `${text}:` : `${text} :`);

/** A time of day as people write it here: "13 h 00" in French, "1:00 p.m." in English. */
export function clockTime(hhmm: string) {
  const [hh, mm] = hhmm.split(':').map(Number);
  if (current !== 'en') return `${hh} h ${String(mm).padStart(2, '0')}`;
  return `${hh % 12 || 12}:${String(mm).padStart(2, '0')} ${hh < 12 ? 'a.m.' : 'p.m.'}`;
}

/** A moment in Montreal time, without seconds: "27 novembre 2026, 20 h 30" / "November 27, 2026, 8:30 p.m.". */
export function dateTime(iso: string) {
  const d = new Date(iso);
  const date = new Intl.DateTimeFormat(current === 'en' ? 'en-CA' : 'fr-CA', {
    dateStyle: 'long',
    timeZone: 'America/Montreal',
  }).format(d);
  const time = new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    hourCycle: 'h23',
    timeZone: 'America/Montreal',
  }).format(d);
  return `${date}, ${clockTime(time)}`;
}
