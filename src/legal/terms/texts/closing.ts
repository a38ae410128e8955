/**
 * Closing sections shared by the terms of sale and of use: liability, force majeure, personal
 * data, evidence and language, changes to the terms, disputes and governing law.
 */
import type { Profile } from '../../../shops/profile/schema.ts';
import { contactMeans, type Facts } from './facts.ts';
import type { Section } from './section.ts';
import { addressFr, duree, enumerate, lawFr, paragraphs, sellsToConsumers, sellsToProfessionals } from './words.ts';

const CAP: Readonly<Record<NonNullable<Profile['liability']>['cap'], string>> = {
  total_paid_by_customer: 'au total des sommes que le client lui a versées',
  order_value: 'à la valeur de la commande en cause',
  order_price_excl_vat_received: 'au prix hors taxes effectivement encaissé pour la commande en cause',
  replacement_or_refund: 'au remplacement ou au remboursement du produit',
};

const EVENTS: Readonly<Record<NonNullable<NonNullable<Profile['forceMajeure']>['agreedEvents']>[number], string>> = {
  natural_disaster: 'catastrophe naturelle',
  public_authority_act: 'fait de l’autorité publique',
  terrorism_or_war: 'acte de terrorisme ou de guerre',
  power_or_telecom_outage: 'panne d’électricité ou de télécommunications',
  supplier_default: 'défaillance d’un fournisseur',
  accident_or_illness: 'accident ou maladie',
  strike: 'grève',
  staff_shortage: 'manque de personnel',
  equipment_breakdown: 'panne de matériel',
  work_stoppage: 'arrêt de travail',
  personal_unavailability: 'indisponibilité du vendeur pour raison de santé, de travail ou personnelle',
};

export function liabilitySection({ profile: p }: Facts): Section {
  const fm = p.forceMajeure;
  const cap = p.liability?.cap;
  const fr = p.legalSystem === 'FR';
  return {
    title: 'Responsabilité et force majeure',
    body: paragraphs(
      cap && (sellsToProfessionals(p) || p.customers.kinds.includes('non_professional'))
        ? `Envers un client qui n’est pas consommateur, la responsabilité du vendeur est limitée ${CAP[cap]}, sauf faute lourde ou dolosive.`
        : undefined,
      sellsToConsumers(p) && 'Aucune stipulation des présentes ne limite ni n’exclut les droits que le consommateur tient de la loi, ni la responsabilité du vendeur envers lui en cas de dommage corporel ou de faute.',
      p.liability?.damageNoticeWithin && `Un client non consommateur signale par écrit tout dommage dans les ${duree(p.liability.damageNoticeWithin)} de sa survenance.`,
      fr
        ? 'Aucune partie n’est responsable d’une inexécution due à un cas de force majeure, c’est-à-dire à un événement échappant à son contrôle, qui ne pouvait être raisonnablement prévu lors de la conclusion du contrat et dont les effets ne peuvent être évités par des mesures appropriées (C. civ. art. 1218).'
        : 'Aucune partie n’est responsable d’une inexécution due à un cas de force majeure, c’est-à-dire à un événement imprévisible et irrésistible qui échappe à son contrôle.',
      fm?.agreedEvents?.length && `Les événements suivants ne constituent un cas de force majeure que s’ils répondent à cette définition, chaque cas étant apprécié individuellement : ${enumerate(fm.agreedEvents.map((e) => EVENTS[e]))}.`,
      fm && `Si l’empêchement dure plus de ${duree(fm.terminateAfter)}, chaque partie peut mettre fin au contrat${fm.termination === 'by_registered_letter' ? ' par lettre recommandée' : ' par simple notification écrite'}${fm.refundOfPayments || sellsToConsumers(p) ? ' ; les sommes versées pour des prestations non exécutées sont alors remboursées' : ''}.`,
    ),
  };
}

export function personalDataSection({ profile: p }: Facts): Section {
  return {
    title: 'Données personnelles',
    body: paragraphs(
      `Les données que le client communique sont traitées par ${p.identity.legalName} pour passer, exécuter et suivre ses commandes, établir les factures et répondre à ses demandes.`,
      'La politique de protection des données personnelles de la boutique indique les données traitées, leurs finalités, leurs destinataires, leurs durées de conservation et la manière d’exercer les droits d’accès, de rectification, d’effacement, de limitation, d’opposition et de portabilité.',
    ),
  };
}

const EVIDENCE: Readonly<Record<NonNullable<Profile['terms']['evidence']>, string>> = {
  electronic_is_writing: 'Les communications échangées par voie électronique (messages sur le site, e-mails) valent écrit entre les parties.',
  printouts_are_proof: 'Les impressions des e-mails échangés entre les parties valent preuve de leur contenu.',
  signature: 'Les offres et commandes signées, paraphées et datées par le client font preuve de son accord.',
  it_records_are_proof: 'Sauf preuve contraire, les données enregistrées dans le système informatique du vendeur font preuve des transactions conclues avec le client.',
};

export function evidenceSection({ profile: p }: Facts): Section {
  const t = p.terms;
  return {
    title: 'Preuve, archivage et langue',
    body: paragraphs(
      t.evidence && EVIDENCE[t.evidence],
      'Chaque commande conserve, dans un journal horodaté et chaîné par empreintes numériques, la version des conditions acceptée et son empreinte SHA-256, les prix affichés et chaque étape de son exécution. Ce journal n’est jamais réécrit.',
      p.legalSystem === 'FR' && sellsToConsumers(p) && 'Le contrat conclu par voie électronique pour un montant égal ou supérieur à 120 euros est archivé pendant dix ans ; le consommateur peut y accéder sur demande (C. consom. art. L213-1).',
      p.legalLanguageLocked
        ? 'Les présentes conditions, ainsi que toutes les notifications et la correspondance, sont rédigées exclusivement en français.'
        : `Les présentes conditions sont rédigées en français${t.prevailingLanguage === 'fr' ? ' ; en cas de traduction, seul le texte français fait foi' : ''}.`,
    ),
  };
}

const NOTICE: Readonly<Record<Profile['terms']['changeNotice'], string>> = {
  written_per_user: 'Le vendeur informe par écrit chaque utilisateur inscrit de toute modification ; la version révisée s’applique à lui à compter de la date à laquelle il en est informé.',
  publish_online: 'Une nouvelle version s’applique à compter de sa mise en ligne.',
  consult_periodically: 'Une nouvelle version s’applique à compter de sa mise en ligne ; il est conseillé de consulter ce document régulièrement.',
  none: 'Une nouvelle version s’applique à compter de sa mise en ligne.',
};

/** How versions work; `policy` for the privacy and cookie policies, which bind no order. */
export function changesSection({ profile: p }: Facts, kind: 'terms' | 'policy' = 'terms'): Section {
  const t = p.terms;
  const these = kind === 'terms' ? 'des présentes conditions' : 'de la présente politique';
  return {
    title: 'Versions et modifications',
    body: paragraphs(
      `Chaque version ${these} porte un numéro de version, sa date d’entrée en vigueur et, le cas échéant, sa date de fin, ainsi qu’une empreinte SHA-256 qui permet de vérifier que son texte n’a pas été modifié. Chaque version peut être téléchargée en PDF.`,
      NOTICE[t.changeNotice],
      t.changeNotice !== 'written_per_user' && 'Les clients inscrits sont en outre informés par e-mail lorsqu’une nouvelle version entre en vigueur.',
      kind === 'terms' &&
        (t.bindingVersion === 'last_informed_to_user'
          ? 'Une commande est régie par la version dont le client a été informé en dernier à la date de la commande.'
          : 'Une commande est régie par la version en vigueur à la date à laquelle elle est passée ; une modification ultérieure ne s’applique jamais à une commande déjà conclue.'),
      t.earlierVersions === 'on_request'
        ? 'Les versions antérieures restent consultables sur le site et sont communiquées en PDF sur simple demande.'
        : 'Les versions antérieures restent consultables sur le site.',
    ),
  };
}

export function disputesSection({ profile: p }: Facts): Section {
  const fr = p.legalSystem === 'FR';
  const med = p.identity.mediator;
  const d = p.disputes;
  const contacts = contactMeans(p);
  return {
    title: 'Réclamations, médiation et droit applicable',
    body: paragraphs(
      `Toute réclamation peut être adressée au vendeur ${contacts.length ? enumerate(contacts, 'ou') : 'par les moyens indiqués dans les mentions légales'}.`,
      d?.amicableFirst && 'Avant toute action en justice, les parties recherchent une solution amiable ; le client non consommateur adresse à cet effet sa réclamation par lettre recommandée avec accusé de réception.',
      sellsToConsumers(p) && fr && med &&
        `Le consommateur peut recourir gratuitement au médiateur de la consommation dont relève le vendeur : ${med.name}${med.address ? `, ${addressFr(med.address)}` : ''}${med.url ? `, ${med.url}` : ''} (C. consom. art. L612-1)${med.complaintWithin ? `, dans les ${duree(med.complaintWithin)} suivant sa réclamation écrite au vendeur` : ''}.`,
      sellsToConsumers(p) && fr && !med &&
        'Le consommateur peut recourir gratuitement à un médiateur de la consommation (C. consom. art. L612-1). Le nom et les coordonnées du médiateur dont relève le vendeur seront indiqués ici dès sa désignation.',
      sellsToConsumers(p) && !fr && 'Le consommateur peut s’adresser au Service de médiation pour le consommateur, qui traite les litiges de consommation ou les transmet à l’entité de règlement extrajudiciaire compétente (Code de droit économique, livre XVI).',
      `Les présentes conditions sont soumises au ${lawFr(d?.law ?? p.legalSystem)}.`,
      sellsToConsumers(p) && 'Le consommateur peut saisir la juridiction du lieu où il demeurait au moment de la conclusion du contrat ou de la survenance du fait dommageable, et ne peut être attrait que devant celle de son domicile ; aucune clause attributive de juridiction ne lui est opposable.',
      d?.exclusiveForum && `Pour les clients qui ne sont pas consommateurs, tout litige relève de la compétence exclusive du ${d.exclusiveForum}.`,
    ),
  };
}
