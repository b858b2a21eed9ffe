/**
 * Every email the program sends, as pure functions (data, locale) → content. The outbox stores the template
 * name and its data; the notifier renders at delivery time.
 */
import {
  renderLayout,
  formatMinutes as h,
  formatDate as d,
  type Locale,
  type EmailContent,
  type RenderedEmail,
  type Brand,
} from './render.ts';
import { FOCUS_LABELS, STATUS_LABELS, wordFor, type FocusKey } from '#shared/labels';

const t =
  <T>(fr: (x: T) => EmailContent, en: (x: T) => EmailContent) =>
  (x: T, locale: Locale) =>
    locale === 'en' ? en(x) : fr(x);

export type LearningRequestData = {
  requestId: string;
  quartierName: string;
  question: string;
  focus: FocusKey;
  contactName: string;
  contactEmail: string;
  partnerName: string;
  estimatedMinutes?: number;
  mode: 'virtual' | 'in-person';
  modeReason?: string;
  routingReason?: string;
};

/** The learning harvest of a year in numbers (shared/usecases/harvest-year.ts `harvestInNumbers`). */
export type HarvestNumbers = {
  year: string;
  outcomes: number;
  shared: number;
  reviews: number;
  quartiers: number;
  byTheme: Record<string, number>;
};

function harvestLine(x: HarvestNumbers, locale: Locale) {
  const themes = Object.entries(x.byTheme)
    .sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))
    .map(([theme, n]) => `${theme} ${n}`)
    .join(', ');
  return locale === 'en'
    ? `Learning harvest ${x.year}: ${x.outcomes} outcomes (${x.shared} shared by their neighbourhood), ` +
        `${x.reviews} after-action reviews, ${x.quartiers} neighbourhoods${themes ? `; by theme: ${themes}` : ''}.`
    : `Récolte des apprentissages ${x.year} : ${x.outcomes} effets (dont ${x.shared} partagés par leur quartier), ` +
        `${x.reviews} bilans après action, ${x.quartiers} quartiers${themes ? ` ; par thème : ${themes}` : ''}.`;
}

export const templates = {
  'learning-request-routed': t<LearningRequestData & { acceptUrl: string; declineUrl: string }>(
    (x) => ({
      subject: `Nouvelle demande d'accompagnement — ${x.quartierName}`,
      paragraphs: [
        `Bonjour ${x.partnerName},`,
        `Le quartier ${x.quartierName} demande un accompagnement-conseil sur une question d'apprentissage (${wordFor(FOCUS_LABELS, x.focus, 'fr')}).`,
        `Question : ${x.question}`,
        `Personne-ressource : ${x.contactName} <${x.contactEmail}>`,
        `Mode : ${x.mode === 'virtual' ? 'virtuel' : `en personne (${x.modeReason ?? ''})`}${x.estimatedMinutes ? ` · estimation : ${h(x.estimatedMinutes, 'fr')}` : ''}`,
        `Merci d'accepter ou de décliner la demande ${x.requestId}.`,
      ],
      actions: [
        { label: 'Accepter', url: x.acceptUrl },
        { label: 'Décliner', url: x.declineUrl },
      ],
    }),
    (x) => ({
      subject: `New accompaniment request — ${x.quartierName}`,
      paragraphs: [
        `Hello ${x.partnerName},`,
        `The ${x.quartierName} neighbourhood asks for advisory accompaniment on a learning question (${wordFor(FOCUS_LABELS, x.focus, 'en')}).`,
        `Question: ${x.question}`,
        `Contact: ${x.contactName} <${x.contactEmail}>`,
        `Mode: ${x.mode === 'virtual' ? 'virtual' : `in person (${x.modeReason ?? ''})`}${x.estimatedMinutes ? ` · estimate: ${h(x.estimatedMinutes, 'en')}` : ''}`,
        `Please accept or decline request ${x.requestId}.`,
      ],
      actions: [
        { label: 'Accept', url: x.acceptUrl },
        { label: 'Decline', url: x.declineUrl },
      ],
    }),
  ),
  'learning-request-received': t<
    LearningRequestData & { statusUrl: string; availableMinutes: number; notMeUrl?: string }
  >(
    (x) => ({
      subject: `Demande reçue — ${x.quartierName}`,
      paragraphs: [
        `Bonjour ${x.contactName},`,
        `Votre demande d'accompagnement a été transmise à ${x.partnerName}, qui vous répondra.`,
        `Question : ${x.question}`,
        `Heures disponibles pour votre quartier cette année : ${h(x.availableMinutes, 'fr')}.`,
        ...notMe(x, 'fr'),
      ],
      actions: [{ label: 'Suivre ma demande', url: x.statusUrl }, ...notMeAction(x, 'fr')],
    }),
    (x) => ({
      subject: `Request received — ${x.quartierName}`,
      paragraphs: [
        `Hello ${x.contactName},`,
        `Your accompaniment request was sent to ${x.partnerName}, who will answer you.`,
        `Question: ${x.question}`,
        `Hours available to your neighbourhood this year: ${h(x.availableMinutes, 'en')}.`,
        ...notMe(x, 'en'),
      ],
      actions: [{ label: 'Follow my request', url: x.statusUrl }, ...notMeAction(x, 'en')],
    }),
  ),
  'learning-request-status': t<{
    contactName: string;
    quartierName: string;
    partnerName: string;
    status: string;
    statusUrl: string;
    reason?: string;
  }>(
    (x) => ({
      subject: `Votre demande : ${wordFor(STATUS_LABELS, x.status, 'fr')} — ${x.quartierName}`,
      paragraphs: [
        `Bonjour ${x.contactName},`,
        `Votre demande d'accompagnement est maintenant : ${wordFor(STATUS_LABELS, x.status, 'fr')} (${x.partnerName}).`,
        ...(x.reason ? [`Motif : ${x.reason}`] : []),
      ],
      actions: [{ label: 'Suivre ma demande', url: x.statusUrl }],
    }),
    (x) => ({
      subject: `Your request: ${wordFor(STATUS_LABELS, x.status, 'en')} — ${x.quartierName}`,
      paragraphs: [
        `Hello ${x.contactName},`,
        `Your accompaniment request is now: ${wordFor(STATUS_LABELS, x.status, 'en')} (${x.partnerName}).`,
        ...(x.reason ? [`Reason: ${x.reason}`] : []),
      ],
      actions: [{ label: 'Follow my request', url: x.statusUrl }],
    }),
  ),
  'learning-request-needs-decision': t<{ requestId: string; quartierName: string; why: string; dashboardUrl: string }>(
    (x) => ({
      subject: `Décision requise : demande ${x.requestId} — ${x.quartierName}`,
      paragraphs: [
        `La demande d'accompagnement du quartier ${x.quartierName} demande une décision de l'équipe de coordination.`,
        `Raison : ${x.why}`,
      ],
      actions: [{ label: 'Ouvrir le tableau de bord', url: x.dashboardUrl }],
    }),
    (x) => ({
      subject: `Decision needed: request ${x.requestId} — ${x.quartierName}`,
      paragraphs: [
        `The accompaniment request of ${x.quartierName} needs a decision from the coordination team.`,
        `Why: ${x.why}`,
      ],
      actions: [{ label: 'Open the dashboard', url: x.dashboardUrl }],
    }),
  ),
  'partner-reminder': t<{
    partnerName: string;
    quartierName: string;
    requestId: string;
    businessDays: number;
    acceptUrl: string;
    declineUrl: string;
  }>(
    (x) => ({
      subject: `Rappel : demande en attente de réponse — ${x.quartierName}`,
      paragraphs: [
        `Bonjour ${x.partnerName},`,
        `La demande ${x.requestId} du quartier ${x.quartierName} attend votre réponse depuis ${x.businessDays} jours ouvrables.`,
      ],
      actions: [
        { label: 'Accepter', url: x.acceptUrl },
        { label: 'Décliner', url: x.declineUrl },
      ],
    }),
    (x) => ({
      subject: `Reminder: request awaiting your answer — ${x.quartierName}`,
      paragraphs: [
        `Hello ${x.partnerName},`,
        `Request ${x.requestId} from ${x.quartierName} has awaited your answer for ${x.businessDays} business days.`,
      ],
      actions: [
        { label: 'Accept', url: x.acceptUrl },
        { label: 'Decline', url: x.declineUrl },
      ],
    }),
  ),
  'additional-support-request': t<{
    requestId: string;
    quartierName: string;
    topic: string;
    contactName: string;
    contactEmail: string;
    contactPhone?: string;
    advisorName: string;
    advisorEmail: string;
    outcome: 'granted' | 'waitlisted';
    slot?: number;
    capacity: number;
    position?: number;
    estimatedMinutes?: number;
  }>(
    (x) => ({
      subject: `Accompagnement additionnel — ${x.quartierName} (${x.outcome === 'granted' ? `place ${x.slot}/${x.capacity}` : `liste d'attente ${x.position}`})`,
      paragraphs: [
        'Bonjour,',
        `Le quartier ${x.quartierName} demande un accompagnement additionnel de Dynamo, après discussion avec sa conseillère ou son conseiller Centraide-PIC (${x.advisorName}, ${x.advisorEmail}, en copie).`,
        `Sujet : ${x.topic}`,
        `Personne-ressource : ${x.contactName} <${x.contactEmail}>${x.contactPhone ? `, ${x.contactPhone}` : ''}`,
        x.outcome === 'granted'
          ? `Place accordée : ${x.slot} sur ${x.capacity}.`
          : `Toutes les places sont prises : liste d'attente, position ${x.position}.`,
        `Référence : ${x.requestId}`,
      ],
    }),
    (x) => ({
      subject: `Additional support — ${x.quartierName} (${x.outcome === 'granted' ? `slot ${x.slot}/${x.capacity}` : `waiting list ${x.position}`})`,
      paragraphs: [
        'Hello,',
        `The ${x.quartierName} neighbourhood asks for additional support from Dynamo, after talking with its Centraide-PIC advisor (${x.advisorName}, ${x.advisorEmail}, copied).`,
        `Topic: ${x.topic}`,
        `Contact: ${x.contactName} <${x.contactEmail}>${x.contactPhone ? `, ${x.contactPhone}` : ''}`,
        x.outcome === 'granted'
          ? `Slot granted: ${x.slot} of ${x.capacity}.`
          : `All slots are taken: waiting list, position ${x.position}.`,
        `Reference: ${x.requestId}`,
      ],
    }),
  ),
  'additional-support-outcome': t<{
    contactName: string;
    quartierName: string;
    outcome: 'granted' | 'waitlisted' | 'offered' | 'released' | 'offer-expired';
    slot?: number;
    capacity: number;
    position?: number;
    advisorName: string;
    statusUrl: string;
    notMeUrl?: string;
    offerExpiresOn?: string;
    rclUrl: string;
    /** The slot's hours, from the settings when the message was written (absent from older messages). */
    slotMinutes?: number;
  }>(
    (x) => ({
      subject:
        x.outcome === 'granted'
          ? `Accompagnement additionnel accordé — place ${x.slot} sur ${x.capacity}`
          : x.outcome === 'offered'
            ? "Une place d'accompagnement additionnel vous est offerte"
            : x.outcome === 'released'
              ? "Votre place d'accompagnement additionnel est libérée"
              : x.outcome === 'offer-expired'
                ? "L'offre de place d'accompagnement additionnel a expiré"
                : `Accompagnement additionnel : liste d'attente, position ${x.position}`,
      paragraphs: [
        `Bonjour ${x.contactName},`,
        x.outcome === 'granted'
          ? `Le quartier ${x.quartierName} obtient la place ${x.slot} sur ${x.capacity} : ${x.slotMinutes ? `jusqu'à ${h(x.slotMinutes, 'fr')} d'` : "de l'"}accompagnement additionnel de Dynamo, qui communiquera avec vous.`
          : x.outcome === 'offered'
            ? `Une place s'est libérée. Le quartier ${x.quartierName} peut l'accepter jusqu'au ${d(x.offerExpiresOn ?? '', 'fr')}.`
            : x.outcome === 'released'
              ? `La place du quartier ${x.quartierName} a été libérée.`
              : x.outcome === 'offer-expired'
                ? `La place offerte au quartier ${x.quartierName} n'a pas été acceptée${x.offerExpiresOn ? ` au plus tard le ${d(x.offerExpiresOn, 'fr')}` : ''} : l'offre a expiré et la place ne lui est plus réservée. Votre conseiller·ère Centraide-PIC (${x.advisorName}) peut vous orienter vers d'autres ressources.`
                : `Les ${x.capacity} places de l'année sont prises. Le quartier ${x.quartierName} est en liste d'attente, position ${x.position}.`,
        ...(x.outcome === 'waitlisted'
          ? [
              `En attendant, votre conseiller·ère Centraide-PIC (${x.advisorName}) peut vous orienter vers l'offre de renforcement des compétences et du leadership (RCL), dont le programme Leadership rassembleur.`,
            ]
          : []),
        ...notMe(x, 'fr'),
      ],
      actions: [
        { label: x.outcome === 'offered' ? 'Accepter ou refuser la place' : 'Suivre ma demande', url: x.statusUrl },
        ...(x.outcome === 'waitlisted' ? [{ label: 'Offre RCL et Leadership rassembleur', url: x.rclUrl }] : []),
        ...notMeAction(x, 'fr'),
      ],
    }),
    (x) => ({
      subject:
        x.outcome === 'granted'
          ? `Additional support granted — slot ${x.slot} of ${x.capacity}`
          : x.outcome === 'offered'
            ? 'An additional-support slot is offered to you'
            : x.outcome === 'released'
              ? 'Your additional-support slot was released'
              : x.outcome === 'offer-expired'
                ? 'The additional-support slot offer has expired'
                : `Additional support: waiting list, position ${x.position}`,
      paragraphs: [
        `Hello ${x.contactName},`,
        x.outcome === 'granted'
          ? `${x.quartierName} gets slot ${x.slot} of ${x.capacity}: ${x.slotMinutes ? `up to ${h(x.slotMinutes, 'en')} of ` : ''}additional support from Dynamo, who will contact you.`
          : x.outcome === 'offered'
            ? `A slot was freed. ${x.quartierName} can accept it until ${d(x.offerExpiresOn ?? '', 'en')}.`
            : x.outcome === 'released'
              ? `The slot of ${x.quartierName} was released.`
              : x.outcome === 'offer-expired'
                ? `The slot offered to ${x.quartierName} was not accepted${x.offerExpiresOn ? ` by ${d(x.offerExpiresOn, 'en')}` : ''}: the offer has expired and the slot is no longer held for it. Your Centraide-PIC advisor (${x.advisorName}) can point you to other resources.`
                : `This year's ${x.capacity} slots are taken. ${x.quartierName} is on the waiting list, position ${x.position}.`,
        ...(x.outcome === 'waitlisted'
          ? [
              `Meanwhile, your Centraide-PIC advisor (${x.advisorName}) can point you to the skills and leadership offer (RCL), including the Leadership rassembleur program.`,
            ]
          : []),
        ...notMe(x, 'en'),
      ],
      actions: [
        { label: x.outcome === 'offered' ? 'Accept or decline the slot' : 'Follow my request', url: x.statusUrl },
        ...(x.outcome === 'waitlisted' ? [{ label: 'RCL offer and Leadership rassembleur', url: x.rclUrl }] : []),
        ...notMeAction(x, 'en'),
      ],
    }),
  ),
  'additional-support-change': t<{
    quartierName: string;
    change: string;
    slot: number;
    capacity: number;
    by?: string;
    reason?: string;
    nextQuartierName?: string;
  }>(
    (x) => ({
      subject: `Accompagnement additionnel : ${wordFor(STATUS_LABELS, x.change, 'fr')} — ${x.quartierName} (place ${x.slot}/${x.capacity})`,
      paragraphs: [
        `Place ${x.slot} sur ${x.capacity} : ${wordFor(STATUS_LABELS, x.change, 'fr')} (${x.quartierName}).`,
        ...(x.reason ? [`Motif : ${x.reason}`] : []),
        ...(x.nextQuartierName
          ? [`La place est offerte au quartier suivant sur la liste d'attente : ${x.nextQuartierName}.`]
          : []),
      ],
    }),
    (x) => ({
      subject: `Additional support: ${wordFor(STATUS_LABELS, x.change, 'en')} — ${x.quartierName} (slot ${x.slot}/${x.capacity})`,
      paragraphs: [
        `Slot ${x.slot} of ${x.capacity}: ${wordFor(STATUS_LABELS, x.change, 'en')} (${x.quartierName}).`,
        ...(x.reason ? [`Reason: ${x.reason}`] : []),
        ...(x.nextQuartierName
          ? [`The slot is offered to the next neighbourhood on the waiting list: ${x.nextQuartierName}.`]
          : []),
      ],
    }),
  ),
  'hours-threshold': t<{
    quartierName: string;
    year: string;
    percent: number;
    availableMinutes: number;
    axisLabel: string;
  }>(
    (x) => ({
      subject: `${x.quartierName} : ${x.percent} % des heures ${x.year} utilisées`,
      paragraphs: [
        `Le quartier ${x.quartierName} a utilisé ${x.percent} % de ses heures d'accompagnement (${x.axisLabel}) pour ${x.year}.`,
        `Il reste ${h(x.availableMinutes, 'fr')}.`,
      ],
    }),
    (x) => ({
      subject: `${x.quartierName}: ${x.percent}% of ${x.year} hours used`,
      paragraphs: [
        `${x.quartierName} has used ${x.percent}% of its accompaniment hours (${x.axisLabel}) for ${x.year}.`,
        `${h(x.availableMinutes, 'en')} remain.`,
      ],
    }),
  ),
  'hours-billable': t<{ quartierName: string; year: string; billableMinutes: number; axisLabel: string }>(
    (x) => ({
      subject: `${x.quartierName} : heures à la charge du quartier (${x.year})`,
      paragraphs: [
        `Les heures disponibles du quartier ${x.quartierName} (${x.axisLabel}) pour ${x.year} sont épuisées.`,
        `${h(x.billableMinutes, 'fr')} ont été consignées au-delà : elles sont à la charge du quartier.`,
      ],
    }),
    (x) => ({
      subject: `${x.quartierName}: hours billable to the neighbourhood (${x.year})`,
      paragraphs: [
        `${x.quartierName}'s available hours (${x.axisLabel}) for ${x.year} are used up.`,
        `${h(x.billableMinutes, 'en')} were logged beyond them: they are billable to the neighbourhood.`,
      ],
    }),
  ),
  'carry-expiry-reminder': t<{ quartierName: string; expiringMinutes: number; expiresOn: string }>(
    (x) => ({
      subject: `${x.quartierName} : ${h(x.expiringMinutes, 'fr')} reportées expirent le ${d(x.expiresOn, 'fr')}`,
      paragraphs: [
        `Le quartier ${x.quartierName} a ${h(x.expiringMinutes, 'fr')} d'accompagnement reportées de l'an dernier qui expireront le ${d(x.expiresOn, 'fr')} si elles ne sont pas utilisées.`,
      ],
    }),
    (x) => ({
      subject: `${x.quartierName}: ${h(x.expiringMinutes, 'en')} carried over expire on ${d(x.expiresOn, 'en')}`,
      paragraphs: [
        `${x.quartierName} has ${h(x.expiringMinutes, 'en')} of accompaniment carried over from last year that expire on ${d(x.expiresOn, 'en')} unless used.`,
      ],
    }),
  ),
  'year-opening-summary': t<{
    year: string;
    /** Every quartier open in the year, this run's and those opened before it (by an hour log or an earlier run). */
    quartiers: number;
    openedBefore?: number;
    carriedMinutes: number;
    expiredMinutes: number;
    allocatedMinutes: number;
    /** Present only when this run opened the year's additional-support slots. */
    slots?: number;
    /** The closed year's learning harvest in numbers (absent from summaries queued before it existed). */
    harvest?: HarvestNumbers;
  }>(
    (x) => ({
      subject: `Ouverture de l'année ${x.year}`,
      paragraphs: [
        `L'année ${x.year} est ouverte pour ${x.quartiers} quartiers${x.openedBefore ? `, dont ${x.openedBefore} déjà ouverts avant cette exécution (par une saisie d'heures ou une exécution précédente)` : ''}.`,
        `Heures allouées : ${h(x.allocatedMinutes, 'fr')} · reportées : ${h(x.carriedMinutes, 'fr')} · expirées : ${h(x.expiredMinutes, 'fr')}.`,
        ...(x.slots ? [`Places d'accompagnement additionnel ouvertes : ${x.slots}.`] : []),
        ...(x.harvest ? [harvestLine(x.harvest, 'fr')] : []),
      ],
    }),
    (x) => ({
      subject: `Year ${x.year} opened`,
      paragraphs: [
        `Year ${x.year} is open for ${x.quartiers} neighbourhoods${x.openedBefore ? `, ${x.openedBefore} of them opened before this run (by an hour log or an earlier run)` : ''}.`,
        `Allocated: ${h(x.allocatedMinutes, 'en')} · carried: ${h(x.carriedMinutes, 'en')} · expired: ${h(x.expiredMinutes, 'en')}.`,
        ...(x.slots ? [`Additional-support slots opened: ${x.slots}.`] : []),
        ...(x.harvest ? [harvestLine(x.harvest, 'en')] : []),
      ],
    }),
  ),
  registration: t<{
    name: string;
    activityTitle: string;
    date: string;
    endDate?: string;
    place?: string;
    status: string;
    cancelUrl: string;
    daysBefore?: number;
  }>(
    (x) => ({
      subject:
        x.status === 'registered'
          ? `Inscription confirmée — ${x.activityTitle}, ${d(x.date, 'fr')}`
          : x.status === 'waitlisted'
            ? `Liste d'attente — ${x.activityTitle}, ${d(x.date, 'fr')}`
            : x.status === 'reminder'
              ? `Rappel : ${x.activityTitle} dans ${x.daysBefore} jour${(x.daysBefore ?? 0) > 1 ? 's' : ''}`
              : x.status === 'updated'
                ? `Changement : ${x.activityTitle}, ${d(x.date, 'fr')}`
                : x.status === 'cancelled'
                  ? `Annulé : ${x.activityTitle}, ${d(x.date, 'fr')}`
                  : `Inscription annulée — ${x.activityTitle}, ${d(x.date, 'fr')}`,
      paragraphs: [
        `Bonjour ${x.name},`,
        x.status === 'registered'
          ? `Votre place est réservée pour « ${x.activityTitle} » le ${d(x.date, 'fr')}. L'invitation de calendrier est jointe.`
          : x.status === 'waitlisted'
            ? `La session « ${x.activityTitle} » du ${d(x.date, 'fr')} est complète : vous êtes en liste d'attente et serez avisé·e si une place se libère.`
            : x.status === 'reminder'
              ? `Rappel : « ${x.activityTitle} » a lieu le ${d(x.date, 'fr')}.`
              : x.status === 'updated'
                ? `La session « ${x.activityTitle} » a changé : elle a lieu le ${d(x.date, 'fr')}. L'invitation de calendrier jointe est à jour.`
                : x.status === 'cancelled'
                  ? `La session « ${x.activityTitle} » du ${d(x.date, 'fr')} est annulée.`
                  : `Votre inscription à « ${x.activityTitle} » du ${d(x.date, 'fr')} est annulée. La session a lieu comme prévu ; vous pouvez vous réinscrire tant qu'il reste des places.`,
        ...(x.place ? [`Lieu : ${x.place}`] : []),
      ],
      actions: ['registered', 'waitlisted', 'reminder', 'updated'].includes(x.status)
        ? [{ label: 'Annuler mon inscription', url: x.cancelUrl }]
        : [],
    }),
    (x) => ({
      subject:
        x.status === 'registered'
          ? `Registration confirmed — ${x.activityTitle}, ${d(x.date, 'en')}`
          : x.status === 'waitlisted'
            ? `Waiting list — ${x.activityTitle}, ${d(x.date, 'en')}`
            : x.status === 'reminder'
              ? `Reminder: ${x.activityTitle} in ${x.daysBefore} day${(x.daysBefore ?? 0) > 1 ? 's' : ''}`
              : x.status === 'updated'
                ? `Change: ${x.activityTitle}, ${d(x.date, 'en')}`
                : x.status === 'cancelled'
                  ? `Cancelled: ${x.activityTitle}, ${d(x.date, 'en')}`
                  : `Registration cancelled — ${x.activityTitle}, ${d(x.date, 'en')}`,
      paragraphs: [
        `Hello ${x.name},`,
        x.status === 'registered'
          ? `Your seat is booked for “${x.activityTitle}” on ${d(x.date, 'en')}. The calendar invite is attached.`
          : x.status === 'waitlisted'
            ? `The “${x.activityTitle}” session on ${d(x.date, 'en')} is full: you are on the waiting list and will be told if a seat frees up.`
            : x.status === 'reminder'
              ? `Reminder: “${x.activityTitle}” takes place on ${d(x.date, 'en')}.`
              : x.status === 'updated'
                ? `The “${x.activityTitle}” session changed: it now takes place on ${d(x.date, 'en')}. The attached invite is up to date.`
                : x.status === 'cancelled'
                  ? `The “${x.activityTitle}” session on ${d(x.date, 'en')} is cancelled.`
                  : `Your registration to “${x.activityTitle}” on ${d(x.date, 'en')} is cancelled. The session goes ahead as planned; you may register again while seats remain.`,
        ...(x.place ? [`Place: ${x.place}`] : []),
      ],
      actions: ['registered', 'waitlisted', 'reminder', 'updated'].includes(x.status)
        ? [{ label: 'Cancel my registration', url: x.cancelUrl }]
        : [],
    }),
  ),
  'topic-proposal': t<{ name: string; email: string; quartierName?: string; topic: string; details?: string }>(
    (x) => ({
      subject: `Proposition de sujet — Échanges de pratiques : ${x.topic}`,
      paragraphs: [
        `${x.name} <${x.email}>${x.quartierName ? ` (${x.quartierName})` : ''} propose un sujet pour les ateliers « Échanges de pratiques ».`,
        `Sujet : ${x.topic}`,
        ...(x.details ? [x.details] : []),
      ],
    }),
    (x) => ({
      subject: `Topic proposal — Practice exchanges: ${x.topic}`,
      paragraphs: [
        `${x.name} <${x.email}>${x.quartierName ? ` (${x.quartierName})` : ''} proposes a topic for the practice-exchange workshops.`,
        `Topic: ${x.topic}`,
        ...(x.details ? [x.details] : []),
      ],
    }),
  ),
  'subscription-confirm': t<{ confirmUrl: string }>(
    (x) => ({
      subject: "Confirmez votre inscription à la liste d'envoi du PIC",
      paragraphs: [
        'Bonjour,',
        'Pour recevoir les bulletins et invitations du Projet impact collectif, confirmez votre adresse. Sans confirmation, vous ne recevrez rien.',
      ],
      actions: [{ label: 'Je confirme', url: x.confirmUrl }],
    }),
    (x) => ({
      subject: 'Confirm your subscription to the PIC mailing list',
      paragraphs: [
        'Hello,',
        'To receive the Projet impact collectif newsletters and invitations, confirm your address. Without confirmation you will receive nothing.',
      ],
      actions: [{ label: 'I confirm', url: x.confirmUrl }],
    }),
  ),
  'trust-verify-email': t<{ contactName: string; quartierName: string; verifyUrl: string; statusUrl: string }>(
    (x) => ({
      subject: `Confirmez votre adresse — demande pour ${x.quartierName}`,
      paragraphs: [
        `Bonjour ${x.contactName},`,
        `Nous avons bien reçu une demande au nom du quartier ${x.quartierName}. Votre adresse n'est pas encore au dossier du quartier : pour que la demande avance, confirmez d'abord qu'elle est bien la vôtre.`,
        `Ensuite, la personne conseillère Centraide-PIC du quartier ou l'équipe de coordination confirmera que vous parlez au nom du quartier. Votre demande sera alors traitée, et vous serez ajouté·e aux personnes-ressources du quartier.`,
        "Vous n'avez rien demandé ? Ignorez ce message : rien ne se passera.",
      ],
      actions: [
        { label: "C'est bien mon adresse", url: x.verifyUrl },
        { label: 'Suivre ma demande', url: x.statusUrl },
      ],
    }),
    (x) => ({
      subject: `Confirm your address — request for ${x.quartierName}`,
      paragraphs: [
        `Hello ${x.contactName},`,
        `We received a request on behalf of ${x.quartierName}. Your address is not yet on the neighbourhood's file: for the request to move forward, first confirm that it is yours.`,
        "Then the neighbourhood's Centraide-PIC advisor or the coordination team will confirm that you speak for the neighbourhood. Your request will then be handled, and you will be added to the neighbourhood's contacts.",
        'You asked for nothing? Ignore this message: nothing will happen.',
      ],
      actions: [
        { label: 'This is my address', url: x.verifyUrl },
        { label: 'Follow my request', url: x.statusUrl },
      ],
    }),
  ),
  'trust-confirm': t<{
    quartierName: string;
    contactName: string;
    contactEmail: string;
    kind: 'learning' | 'additional';
    summary: string;
    confirmUrl: string;
  }>(
    (x) => ({
      subject: `À confirmer : ${x.contactName} parle-t-il ou elle au nom de ${x.quartierName} ?`,
      paragraphs: [
        'Bonjour,',
        `${x.contactName} <${x.contactEmail}> a fait une demande ${x.kind === 'learning' ? "d'accompagnement-conseil" : "d'accompagnement additionnel"} au nom du quartier ${x.quartierName}. L'adresse a été vérifiée, mais elle n'est pas au dossier du quartier.`,
        `Demande : ${x.summary}`,
        "Confirmez-vous que cette personne parle au nom du quartier ? Si oui, la demande sera traitée dès maintenant et la personne ajoutée aux personnes-ressources du quartier. Sinon, la demande sera close. D'ici là, rien n'est transmis aux partenaires.",
      ],
      actions: [{ label: 'Confirmer ou refuser', url: x.confirmUrl }],
    }),
    (x) => ({
      subject: `To confirm: does ${x.contactName} speak for ${x.quartierName}?`,
      paragraphs: [
        'Hello,',
        `${x.contactName} <${x.contactEmail}> made a request for ${x.kind === 'learning' ? 'advisory accompaniment' : 'additional support'} on behalf of ${x.quartierName}. The address was verified, but it is not on the neighbourhood's file.`,
        `Request: ${x.summary}`,
        "Do you confirm that this person speaks for the neighbourhood? If so, the request is handled at once and the person is added to the neighbourhood's contacts. If not, the request is closed. Until then, nothing is sent to the partners.",
      ],
      actions: [{ label: 'Confirm or refuse', url: x.confirmUrl }],
    }),
  ),
  'trust-refused': t<{ contactName: string; quartierName: string; reason?: string; teamEmail: string }>(
    (x) => ({
      subject: `Votre demande pour ${x.quartierName} n'a pas été retenue`,
      paragraphs: [
        `Bonjour ${x.contactName},`,
        `La demande faite au nom du quartier ${x.quartierName} n'a pas été confirmée par le quartier et a été close.`,
        ...(x.reason ? [`Motif : ${x.reason}`] : []),
        `Pour toute question, écrivez à l'équipe PIC : ${x.teamEmail}.`,
      ],
    }),
    (x) => ({
      subject: `Your request for ${x.quartierName} was not taken up`,
      paragraphs: [
        `Hello ${x.contactName},`,
        `The request made on behalf of ${x.quartierName} was not confirmed by the neighbourhood and was closed.`,
        ...(x.reason ? [`Reason: ${x.reason}`] : []),
        `For any question, write to the PIC team: ${x.teamEmail}.`,
      ],
    }),
  ),
  bulk: t<{ subject: string; body: string; unsubscribeUrl: string }>(
    (x) => ({
      subject: x.subject,
      paragraphs: x.body.split(/\n{2,}/),
      footer: { text: 'Se désabonner', url: x.unsubscribeUrl },
    }),
    (x) => ({
      subject: x.subject,
      paragraphs: x.body.split(/\n{2,}/),
      footer: { text: 'Unsubscribe', url: x.unsubscribeUrl },
    }),
  ),
} as const;

/** A contact on file is served at once; if someone else typed their address, the owner withdraws with one link. */
const notMe = (x: { notMeUrl?: string }, locale: Locale) =>
  x.notMeUrl
    ? [
        locale === 'en'
          ? 'You did not make this request? Withdraw it with the link below: it frees what it took.'
          : "Ce n'est pas vous qui avez fait cette demande ? Retirez-la avec le lien ci-dessous : ce qu'elle a pris sera libéré.",
      ]
    : [];
const notMeAction = (x: { notMeUrl?: string }, locale: Locale) =>
  x.notMeUrl ? [{ label: locale === 'en' ? 'This was not me' : "Ce n'était pas moi", url: x.notMeUrl }] : [];

export type TemplateName = keyof typeof templates;
export type TemplateData<N extends TemplateName> = Parameters<(typeof templates)[N]>[0];

/** `brand.contact`: the team's address, named in every email's footer. */
export function renderEmail<N extends TemplateName>(
  name: N,
  data: TemplateData<N>,
  locale: Locale,
  brand: Brand = {},
): RenderedEmail {
  const template = templates[name] as (x: TemplateData<N>, l: Locale) => EmailContent;
  return renderLayout(template(data, locale), locale, brand);
}
