/**
 * The cookie policy: the cookies the platform itself sets (all strictly necessary, so exempt from
 * consent: ePrivacy art. 5(3)), then what the shop's profile adds — consent-exempt audience
 * measurement, analytics that need consent, how long a choice is kept (CNIL 2020; A-18, A-25, A-28).
 */
import { changesSection } from './closing.ts';
import { type Facts, siteName } from './facts.ts';
import { compose, type Section } from './section.ts';
import type { TermsDocument } from './terms-document.ts';
import { bullets, dateFr, duree, paragraphs } from './words.ts';

/** The cookies Comptoir sets (src/web/hooks.ts, src/web/form-errors.ts, @fastify/csrf-protection). */
const NECESSARY = [
  'comptoir_session : maintient la connexion à votre compte ; supprimé à la déconnexion, il expire au plus tard après 14 jours.',
  'comptoir_lang : retient la langue que vous avez choisie pour le site ; il expire après 12 mois.',
  '_csrf : protège les formulaires contre l’envoi de requêtes à votre insu ; il expire à la fermeture du navigateur.',
];

function intro({ profile: p }: Facts, doc: TermsDocument): Section {
  return {
    title: 'Cookies et traceurs',
    body: paragraphs(
      `Un cookie est un petit fichier déposé sur votre appareil lorsque vous consultez un site. La présente politique décrit les cookies utilisés sur le site ${siteName(p)} et la manière dont vous pouvez les accepter ou les refuser.`,
      `La présente version est en vigueur à compter du ${dateFr(doc.effectiveFrom)}.`,
    ),
  };
}

function necessary(_facts: Facts): Section {
  return {
    title: 'Cookies strictement nécessaires',
    body: paragraphs(
      'Les cookies suivants sont indispensables au fonctionnement du site. Ils ne servent à aucun suivi et ne sont pas soumis à votre consentement :',
      bullets(NECESSARY),
    ),
  };
}

function measurement({ profile: p }: Facts): Section {
  const c = p.cookies;
  const exempt = c?.exemptAudienceMeasurement?.enabled;
  const analytics = c?.analytics;
  if (!exempt && !analytics) {
    return {
      title: 'Mesure d’audience et autres traceurs',
      body: 'Le site ne dépose aucun cookie de mesure d’audience, de publicité ou de réseau social. Aucun consentement ne vous est donc demandé. Si cela devait changer, votre consentement préalable serait recueilli par un bandeau avant tout dépôt.',
    };
  }
  return {
    title: 'Mesure d’audience',
    body: paragraphs(
      exempt && `Le site mesure sa fréquentation à des fins exclusivement statistiques, pour son propre compte, sans suivi d’un site à l’autre ni transmission à des tiers. Cette mesure est dispensée de consentement ; ses cookies expirent au plus tard après ${duree(c?.cookieMaxTtl ?? 'P13M')}, sans prolongation à chaque visite, et les données collectées sont conservées au plus 25 mois.`,
      exempt && c?.exemptAudienceMeasurement?.optOut && 'Vous pouvez vous opposer à cette mesure à tout moment depuis la fenêtre de gestion des cookies.',
      analytics && `L’outil ${analytics.tool} n’est activé qu’après votre consentement exprès ; tant que vous n’avez pas accepté, aucun de ses cookies n’est déposé.`,
    ),
  };
}

function consent({ profile: p }: Facts): Section {
  const c = p.cookies;
  if (!c || (!c.analytics && !c.exemptAudienceMeasurement?.enabled)) return null;
  return {
    title: 'Votre choix',
    body: paragraphs(
      `Lors de votre première visite, une fenêtre de gestion des cookies${c.manager ? ` (fournie par ${c.manager})` : ''} vous permet d’accepter ou de refuser les cookies soumis à consentement : refuser est aussi simple qu’accepter, par un bouton de même niveau. Continuer la navigation sans faire de choix vaut refus.`,
      `Votre acceptation est conservée ${duree(c.consentTtl)} et votre refus ${duree(c.refusalTtl)} ; votre choix vous est ensuite demandé de nouveau. Un cookie déposé avec votre consentement a une durée de vie de ${duree(c.cookieMaxTtl)} au plus.`,
      'Vous pouvez modifier votre choix à tout moment depuis le lien « Cookies » en bas de chaque page ; retirer votre consentement est aussi simple que de le donner.',
    ),
  };
}

function browser(_facts: Facts): Section {
  return {
    title: 'Paramétrage du navigateur',
    body: 'Vous pouvez aussi configurer votre navigateur pour bloquer ou supprimer les cookies. Bloquer les cookies strictement nécessaires empêche toutefois de se connecter à son compte et d’envoyer les formulaires du site.',
  };
}

export function cookiesText(facts: Facts, doc: TermsDocument): string {
  return compose([intro(facts, doc), necessary(facts), measurement(facts), consent(facts), browser(facts), changesSection(facts, 'policy')]);
}
