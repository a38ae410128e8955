/**
 * The consumer's statutory rights as the terms state them: withdrawal (FR C. consom. L221-18 ff.;
 * BE CDE VI.47 ff.) and the legal guarantees (FR L217-3 ff., C. civ. 1641 ff.; BE C. civ.
 * 1649bis ff.). Where the seed is weaker than the law, the legal value is written (facts.ts).
 */
import { isShorter } from '../../../shops/profile/duration.ts';
import { addressFr, bullets, duree, enumerate, paragraphs, sellsToConsumers } from './words.ts';
import { durationAt, type Facts } from './facts.ts';
import type { Section } from './section.ts';
import type { TermsDocument } from './terms-document.ts';
import { GUARANTEE_BOX_IN_TERMS_FROM, guaranteeBoxMarkup, guaranteeInformationBox } from '../guarantee-box.ts';

const EXCEPTIONS: Readonly<Record<string, string>> = {
  personalised: 'les biens confectionnés selon les spécifications du consommateur ou nettement personnalisés',
  perishable: 'les biens susceptibles de se détériorer ou de se périmer rapidement',
  cannot_be_returned: 'les biens qui, par leur nature, ne peuvent être réexpédiés',
  sealed_hygiene: 'les biens descellés après la livraison qui ne peuvent être renvoyés pour des raisons d’hygiène ou de protection de la santé',
  sealed_media: 'les enregistrements audio ou vidéo et les logiciels descellés après la livraison',
  dated_leisure_service: 'les prestations de loisirs fournies à une date déterminée',
  shop_or_fair_sale: 'les achats conclus en magasin, sur une foire ou dans un salon, sauf lorsqu’ils sont financés par un crédit affecté',
};

const CHANNELS: Readonly<Record<string, string>> = {
  letter: 'une lettre',
  email: 'un e-mail',
  fax: 'une télécopie',
  online_form: 'le formulaire de rétractation en ligne, accessible depuis le compte client et la confirmation de commande',
};

export function withdrawalSection(facts: Facts): Section {
  const p = facts.profile;
  if (!sellsToConsumers(p)) return null;
  const w = p.withdrawal;
  const fr = p.legalSystem === 'FR';
  const period = durationAt(facts, 'withdrawal.period', w?.period, 'P14D');
  const returnWithin = durationAt(facts, 'withdrawal.returnWithin', w?.returnWithin, 'P14D');
  const refund = durationAt(facts, 'withdrawal.refund', w?.refund.deadline, 'P14D');
  const post = p.identity.returnsAddress ?? p.identity.registeredOffice;
  const channels = (w?.channels ?? []).filter((c) => c !== 'any_unambiguous_statement').map((c) => CHANNELS[c] ?? c);
  const cost = w?.returnCostBorneBy ?? 'consumer';
  const exclusions = (w?.exclusions ?? ['legal_list']).map((e) =>
    e === 'legal_list' ? `les ${(w?.exclusions ?? []).length > 1 ? 'autres ' : ''}cas prévus par ${fr ? 'l’article L221-28 du Code de la consommation' : 'l’article VI.53 du Code de droit économique'}` : (EXCEPTIONS[e] ?? e),
  );
  return {
    title: 'Droit de rétractation',
    body: paragraphs(
      `Le consommateur dispose d’un délai de ${duree(period)} pour se rétracter, sans avoir à motiver sa décision ni à supporter d’autres coûts que ceux indiqués ci-dessous (${fr ? 'C. consom. art. L221-18' : 'CDE art. VI.47'}).`,
      `Pour un bien, le délai court à compter du jour où le consommateur, ou un tiers qu’il a désigné autre que le transporteur, prend physiquement possession du bien ; pour une commande de plusieurs biens livrés séparément, à compter de la réception du dernier. Pour un service, il court à compter de la conclusion du contrat. Le jour de l’événement ne compte pas ; un délai qui expire un samedi, un dimanche ou un jour férié est prolongé jusqu’au premier jour ouvrable suivant.`,
      `Pour exercer ce droit, le consommateur informe le vendeur de sa décision avant l’expiration du délai, par ${enumerate([...channels, 'le modèle de formulaire de rétractation joint à la confirmation de commande', 'toute autre déclaration dénuée d’ambiguïté'], 'ou')}${where(p.identity.email, post && addressFr(post))}. Il suffit que sa déclaration soit envoyée avant l’expiration du délai ; elle n’a pas à mentionner de référence particulière.`,
      'Lorsque le consommateur se rétracte en ligne, le vendeur lui adresse sans délai un accusé de réception sur un support durable (e-mail).',
      `Le consommateur renvoie ou rend le bien au plus tard ${duree(returnWithin)} après avoir communiqué sa décision${post ? `, à l’adresse suivante : ${addressFr(post)}` : ''}. ${cost === 'seller' ? 'Les frais de retour sont à la charge du vendeur.' : cost === 'consumer_unless_nonconforming' ? 'Les frais de retour sont à la charge du consommateur, sauf si le bien n’est pas conforme.' : 'Les frais directs de renvoi du bien sont à la charge du consommateur.'}`,
      'La responsabilité du consommateur n’est engagée qu’à l’égard de la dépréciation du bien résultant de manipulations autres que celles nécessaires pour établir sa nature, ses caractéristiques et son bon fonctionnement ; le bien n’a pas à être renvoyé dans son emballage d’origine pour être remboursé.',
      `Le vendeur rembourse la totalité des sommes versées, frais de livraison compris (le supplément d’un mode de livraison plus coûteux que la livraison standard proposée, choisi par le consommateur, n’est pas remboursé), au plus tard ${duree(refund)} à compter du jour où il est informé de la décision de rétractation. Il peut différer le remboursement jusqu’à la récupération du bien ou jusqu’à ce que le consommateur ait fourni une preuve de son expédition, la date retenue étant celle du premier de ces faits.`,
      `Le remboursement utilise le même moyen de paiement que la commande, sauf accord exprès du consommateur pour un autre moyen, et n’occasionne aucun frais.${w?.exchangeOffered ? ' Si le consommateur le demande, un échange peut remplacer le remboursement.' : ''}`,
      fr && 'Tout retard de remboursement est majoré de plein droit selon le barème de l’article L242-4 du Code de la consommation.',
      'Le droit de rétractation ne peut être exercé, notamment, pour :',
      bullets(exclusions),
      'Les produits concernés sont signalés sur leur fiche avant la commande.',
      (w?.servicesProRata || w?.earlyPerformance) && 'Si le consommateur a expressément demandé, en cochant une case non pré-cochée, que l’exécution d’un service commence avant la fin du délai, il paie un montant proportionnel au service fourni jusqu’à la communication de sa rétractation.',
    ),
  };
}

/** " (e-mail : …, adresse : …)" with what is known. */
export function where(email: string | undefined, address: string | undefined): string {
  const parts = [email && `e-mail : ${email}`, address && `adresse : ${address}`].filter(Boolean);
  return parts.length ? ` (${parts.join(', ')})` : '';
}

/** The profile's period, or the legal minimum when it is absent or shorter (BE C. civ. 1649quater §2: 2 months). */
function atLeast(own: string | undefined, floor: string): string {
  return own && !isShorter(own, floor) ? own : floor;
}

/**
 * The guarantee section. `doc`: the version it is written for — one effective from
 * GUARANTEE_BOX_IN_TERMS_FROM on ends it with the legal-guarantee box (FR: D.211-2 word for word;
 * BE: the summary of the old Civil Code), for shops that sell to consumers; earlier versions keep
 * the text they were published with.
 */
export function guaranteeSection(facts: Facts, doc?: TermsDocument): Section {
  const p = facts.profile;
  const g = p.guarantee;
  const fr = p.legalSystem === 'FR';
  const parts: (string | false | undefined)[] = [];
  if (sellsToConsumers(p)) {
    const presumption = durationAt(facts, 'guarantee.consumer.presumption', g?.consumer?.presumption, 'P24M');
    const secondHand = fr ? durationAt(facts, 'guarantee.consumer.presumptionSecondHand', g?.consumer?.presumptionSecondHand, 'P12M') : undefined;
    parts.push(
      fr
        ? `Le vendeur répond envers le consommateur des défauts de conformité qui existent lors de la délivrance du bien et apparaissent dans un délai de deux ans à compter de celle-ci (C. consom. art. L217-3 et suivants). Les défauts qui apparaissent dans les ${duree(presumption)} suivant la délivrance${secondHand ? ` (${duree(secondHand)} pour un bien d’occasion)` : ''} sont présumés avoir existé à ce moment.`
        : `Le vendeur répond envers le consommateur de tout défaut de conformité qui existe lors de la délivrance du bien et apparaît dans un délai de deux ans à compter de celle-ci (C. civ. art. 1649bis à 1649octies). Les défauts qui apparaissent dans les ${duree(presumption)} suivant la délivrance sont présumés avoir existé à ce moment.`,
      'Le consommateur choisit entre la réparation et le remplacement du bien, sauf si ce choix est impossible ou entraîne des coûts disproportionnés ; à défaut, il peut obtenir une réduction du prix ou la résolution du contrat. La mise en conformité se fait sans frais pour lui.',
      fr
        ? 'Aucun délai de notification plus court que la durée de la garantie ne lui est opposable : un défaut signalé pendant ces deux ans est pris en charge. La garantie légale s’applique indépendamment de toute garantie commerciale.'
        : `Le consommateur informe le vendeur du défaut dans un délai de ${duree(atLeast(g?.consumer?.notifyWithin?.within, 'P2M'))} à compter du jour où il l’a constaté. La garantie légale s’applique indépendamment de toute garantie commerciale.`,
      fr && 'Le consommateur bénéficie également de la garantie des vices cachés (C. civ. art. 1641 et suivants) : il peut agir dans les deux ans de la découverte du vice (art. 1648) et choisir entre la résolution de la vente et une réduction du prix (art. 1644).',
      g?.consumer?.shippingCostsRefunded && 'Les frais d’envoi d’un bien non conforme sont remboursés au tarif facturé, et les frais de retour sur présentation des justificatifs.',
      g?.consumer?.refund && `Un remboursement dû au titre de la garantie est effectué dans les ${duree(g.consumer.refund.within.within)} suivant la constatation du défaut${g.consumer.refund.means.length ? `, par ${enumerate(g.consumer.refund.means.map((m) => (m === 'cheque' ? 'chèque' : m === 'bank_transfer' ? 'virement' : 'le même moyen de paiement')), 'ou')}` : ''}.`,
    );
  }
  const nc = g?.nonConsumer;
  if (nc) {
    parts.push(
      nc.regime === 'manufacturer_warranty_only'
        ? `Pour les ${enumerate(nc.customerKinds.map((k) => (k === 'professional' ? 'professionnels' : 'non-professionnels')))}, seuls les produits neufs bénéficient de la garantie du fabricant, dans ses conditions ; le vendeur transmet la réclamation, ${nc.remedies.includes('replace_part') ? 'remplace la pièce reconnue défectueuse' : 'remplace le produit'}${nc.remedies.includes('credit_note') ? ' ou émet un avoir' : ''}.`
        : `Pour les clients ${enumerate(nc.customerKinds.map((k) => (k === 'professional' ? 'professionnels' : 'non-professionnels')))}, le vendeur remplace le produit reconnu défectueux.`,
      nc.notifyWithin && `La réclamation est adressée par écrit dans les ${duree(nc.notifyWithin.within)}${nc.notifyWithin.counting === 'working_days' ? ' ouvrables' : ''} suivant la réception ou la découverte du défaut${nc.claimContent?.length ? ', avec le numéro et la date de la facture et ses motifs' : ''}.`,
      nc.notifyBy === 'registered_letter' && 'La réclamation est adressée par lettre recommandée avec accusé de réception.',
      nc.returnRequiresApproval && 'Aucun retour n’est accepté sans l’accord préalable du vendeur.',
      nc.carriageBorneBy === 'customer' && 'Les frais de port aller et retour restent à la charge du client professionnel.',
    );
  }
  const exclusions = g?.consumer?.exclusions ?? nc?.exclusions;
  if (exclusions?.length) {
    parts.push('Ne sont pas couverts les dommages qui ne proviennent pas d’un défaut du bien, notamment ceux dus à une utilisation anormale, à un défaut d’entretien, à l’usure normale, à un accident ou à un cas de force majeure.');
  }
  const lang = doc?.language === 'en' || doc?.language === 'nl' ? doc.language : 'fr';
  const box = doc && doc.effectiveFrom >= GUARANTEE_BOX_IN_TERMS_FROM && sellsToConsumers(p) ? guaranteeBoxMarkup(guaranteeInformationBox(p.legalSystem === 'BE' ? 'BE' : 'FR', lang)) : '';
  const body = [paragraphs(...parts), box].filter(Boolean).join('\n\n');
  return body ? { title: 'Garanties', body } : null;
}
