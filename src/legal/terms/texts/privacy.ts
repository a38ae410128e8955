/**
 * The personal-data policy (GDPR art. 13–14): controller, data sets with purpose, legal basis and
 * retention, recipients, rights and how to exercise them, supervisory authority.
 */
import type { Profile } from '../../../shops/profile/schema.ts';
import { where } from './consumer-rights.ts';
import { fr } from './glossary.ts';
import { changesSection } from './closing.ts';
import { type Facts, sellerLine, siteName } from './facts.ts';
import { compose, type Section } from './section.ts';
import type { TermsDocument } from './terms-document.ts';
import { addressFr, bullets, dateFr, duree, enumerate, paragraphs } from './words.ts';

type Privacy = NonNullable<Profile['privacy']>;
type DataSet = NonNullable<Privacy['dataSets']>[number];

const BASIS: Readonly<Record<DataSet['basis'], string>> = {
  contract: 'l’exécution du contrat ou de mesures précontractuelles (RGPD art. 6.1.b)',
  consent: 'votre consentement, que vous pouvez retirer à tout moment (RGPD art. 6.1.a)',
  legitimate_interest: 'l’intérêt légitime du responsable du traitement (RGPD art. 6.1.f)',
  legal_obligation: 'le respect d’une obligation légale (RGPD art. 6.1.c)',
};

const FROM: Readonly<Record<NonNullable<DataSet['retention']>['from'], string>> = {
  last_contact: 'à compter de votre dernier contact avec nous (ouvrir un e-mail ne compte pas)',
  last_order_or_contact: 'à compter de votre dernière commande ou de votre dernier contact',
  collection: 'à compter de la collecte',
  end_of_school_year: 'à compter de la fin de l’année scolaire',
};

const RIGHTS: Readonly<Record<Privacy['rights'][number], string>> = {
  access: 'accéder à vos données et en obtenir une copie',
  rectification: 'les faire rectifier',
  restriction: 'en faire limiter le traitement',
  erasure: 'les faire effacer',
  portability: 'les recevoir dans un format structuré et les transmettre à un autre responsable (portabilité)',
  objection: 'vous opposer à leur traitement, et à tout moment à la prospection',
  automated_decisions: 'ne pas faire l’objet d’une décision fondée exclusivement sur un traitement automatisé',
  complaint: 'introduire une réclamation auprès de l’autorité de contrôle',
};

const RECIPIENTS: Readonly<Record<NonNullable<Privacy['recipients']>[number], string>> = {
  internal_departments: 'aux personnes habilitées du responsable du traitement',
  partners: 'à ses partenaires, pour la seule exécution des commandes',
  subcontractors: 'à ses sous-traitants techniques (hébergement, envoi des e-mails, paiement)',
  group_companies: 'aux sociétés de son groupe',
  authorities: 'aux autorités administratives ou judiciaires, lorsque la loi l’exige',
  order_partners: 'aux partenaires chargés de l’exécution, du traitement, de la gestion et du paiement des commandes',
};

/** Platform default when the profile names no data set: what every Comptoir shop processes. */
const DEFAULT_SETS: readonly DataSet[] = [
  { name: 'Comptes et commandes', fields: ['nom', 'prénom', 'adresse', 'adresse e-mail', 'commandes et factures'], purpose: 'gérer le compte client, passer et exécuter les commandes, facturer', basis: 'contract' },
];

function dataSetLines(facts: Facts, set: DataSet, index: number): string {
  const retention = set.retention
    ? `${duree(set.retention.period)} ${FROM[set.retention.from]}${set.retention.endsOnConsentWithdrawal ? ', ou jusqu’au retrait de votre consentement s’il intervient avant' : ''}`
    : facts.profile.privacy?.dataSets
      ? 'au plus 3 ans après votre dernière commande ou votre dernier contact, sauf obligation légale de conservation plus longue (la boutique n’a pas encore fixé de durée propre)'
      : 'le temps de la relation commerciale, puis au plus 3 ans après votre dernière commande ou votre dernier contact, sauf obligation légale de conservation plus longue';
  return paragraphs(
    `### ${index + 1}. ${fr(set.name)}`,
    bullets([
      `Données : ${set.fields.map(fr).join(', ')}.`,
      `Finalité : ${fr(set.purpose)}.`,
      `Base légale : ${BASIS[set.basis]}.`,
      `Durée de conservation : ${retention}.`,
      ...(set.concernsChildren ? ['Ces données concernent des enfants : seules les données strictement utiles sont demandées, au parent ou au représentant légal, et elles ne servent à aucune autre fin.'] : []),
    ]),
  );
}

function archive(p: Profile): string {
  const period = p.privacy?.legalArchive ?? (p.legalSystem === 'FR' ? 'P10Y' : undefined);
  if (!period) return 'pendant la durée imposée par les obligations comptables et fiscales';
  return `${duree(period)}${p.legalSystem === 'FR' ? ' (C. com. art. L123-22)' : ''}`;
}

function controller({ profile: p }: Facts, doc: TermsDocument): Section {
  const dpo = p.privacy?.dpo;
  return {
    title: 'Responsable du traitement',
    body: paragraphs(
      `La présente politique explique comment ${sellerLine(p)}${p.identity.registeredOffice ? `, ${addressFr(p.identity.registeredOffice)}` : ''}, responsable du traitement, traite les données personnelles des visiteurs et des clients du site ${siteName(p)}.`,
      dpo && `Pour toute question sur vos données, vous pouvez écrire ${enumerate([dpo.email && `à ${dpo.email}`, dpo.address && `au ${addressFr(dpo.address)}`].filter((x): x is string => !!x), 'ou')}.`,
      `La présente version est en vigueur à compter du ${dateFr(doc.effectiveFrom)}.`,
    ),
  };
}

function dataSets(facts: Facts): Section {
  const pr = facts.profile.privacy;
  const sets = pr?.dataSets?.length ? pr.dataSets : DEFAULT_SETS;
  return {
    title: 'Données traitées, finalités et durées',
    body: paragraphs(
      ...sets.map((s, i) => dataSetLines(facts, s, i)),
      `Les factures et les pièces comptables sont conservées ${archive(facts.profile)}. Le journal de preuve de chaque commande est conservé aussi longtemps que la commande peut donner lieu à une réclamation ou à une action en justice.`,
      pr?.marketing === 'consent' && 'Aucune communication commerciale n’est envoyée sans votre consentement préalable.',
      pr?.marketing === 'opt_out' && 'Vous pouvez refuser à tout moment, sans frais, de recevoir des communications commerciales, notamment par le lien présent dans chaque message.',
    ),
  };
}

function recipients({ profile: p }: Facts): Section {
  const pr = p.privacy;
  const processors = pr?.processors ?? [];
  const outside = processors.some((x) => x.location === 'outside_EU') || pr?.transfersOutsideEu === 'with_safeguards';
  return {
    title: 'Destinataires',
    body: paragraphs(
      `Vos données sont destinées ${enumerate((pr?.recipients ?? ['internal_departments', 'subcontractors']).map((r) => RECIPIENTS[r]))}.`,
      processors.length > 0 && 'Les sous-traitants suivants interviennent pour le compte du responsable du traitement :',
      processors.length > 0 && bullets(processors.map((x) => `${x.name} : ${fr(x.purpose)}${x.location === 'outside_EU' ? ' (hors de l’Union européenne)' : ''}.`)),
      pr?.noSaleOfData && 'Vos données ne sont ni vendues ni louées.',
      outside
        ? 'Lorsque des données sont transférées hors de l’Union européenne, ce transfert est encadré par des garanties appropriées, comme les clauses contractuelles types de la Commission européenne.'
        : 'Vos données ne sont pas transférées hors de l’Union européenne.',
    ),
  };
}

const CHANNEL: Readonly<Record<string, string>> = { email: 'par e-mail', post: 'par courrier', online_form: 'par le formulaire en ligne', phone: 'par téléphone' };

function rights(facts: Facts): Section {
  const p = facts.profile;
  const pr = p.privacy;
  const dsar = pr?.dsar;
  const list = pr?.rights ?? ['access', 'rectification', 'erasure', 'restriction', 'objection', 'portability', 'complaint'];
  const authority = pr?.supervisoryAuthority ?? (p.legalSystem === 'FR'
    ? { name: 'CNIL', url: 'https://www.cnil.fr', address: undefined }
    : { name: 'Autorité de protection des données', url: 'https://www.autoriteprotectiondonnees.be', address: undefined });
  const email = pr?.dpo?.email ?? p.identity.email;
  const post = pr?.dpo?.address ?? p.identity.registeredOffice;
  return {
    title: 'Vos droits',
    body: paragraphs(
      'Dans les conditions prévues par le RGPD, vous pouvez :',
      bullets([...list.filter((r) => r !== 'complaint').map((r) => RIGHTS[r]), 'définir des directives sur le sort de vos données après votre décès']),
      `Vous exercez ces droits ${enumerate((dsar?.channels ?? ['email', 'post']).map((c) => CHANNEL[c] ?? c), 'ou')}${where(email, post && addressFr(post))}, en indiquant votre nom, le droit que vous exercez et l’adresse à laquelle vous souhaitez recevoir la réponse.`,
      `Une réponse vous est apportée dans un délai d’un mois à compter de la réception de votre demande ; ce délai peut être prolongé de deux mois en raison de la complexité ou du nombre des demandes, auquel cas vous en êtes informé dans le premier mois, avec les motifs de la prolongation (RGPD art. 12.3).`,
      'Un justificatif d’identité ne vous est demandé qu’en cas de doute raisonnable sur votre identité ; il est détruit dès la vérification faite.',
      `Vous pouvez introduire une réclamation auprès de l’autorité de contrôle : ${authority.name}${authority.address ? `, ${addressFr(authority.address)}` : ''}${authority.url ? `, ${authority.url}` : ''}.`,
    ),
  };
}

function security({ profile: p }: Facts): Section {
  return {
    title: 'Sécurité et cookies',
    body: paragraphs(
      'Les échanges avec le site sont chiffrés. Les mots de passe sont conservés sous forme d’empreinte et jamais en clair ; les données de chaque boutique sont séparées de celles des autres boutiques de la plateforme, et chaque client n’accède qu’à ses propres données.',
      `Les cookies et traceurs utilisés par le site sont décrits dans la politique de cookies de ${p.name}.`,
    ),
  };
}

export function privacyText(facts: Facts, doc: TermsDocument): string {
  return compose([controller(facts, doc), dataSets(facts), recipients(facts), rights(facts), security(facts), changesSection(facts, 'policy')]);
}
