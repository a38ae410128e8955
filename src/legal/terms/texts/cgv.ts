/**
 * The terms of sale (CGV), and the particular distance-selling conditions some shops add for
 * consumers buying online (001 online §1.3), composed from the sections of sale.ts,
 * consumer-rights.ts and closing.ts.
 */
import { type Facts, sellerLine, siteName } from './facts.ts';
import { changesSection, disputesSection, evidenceSection, liabilitySection, personalDataSection } from './closing.ts';
import { guaranteeSection, withdrawalSection } from './consumer-rights.ts';
import { customersSection, deliverySection, orderSection, paymentSection, pricesSection } from './sale.ts';
import { compose, type Section } from './section.ts';
import type { TermsDocument } from './terms-document.ts';
import { addressFr, dateFr, paragraphs } from './words.ts';

const PRECEDENCE: Readonly<Record<string, string>> = {
  supplementary_contract: 'Un contrat complémentaire attaché à un client, à un produit ou à un service prévaut sur les présentes conditions en cas de contradiction.',
  signed_amendment: 'Il ne peut y être dérogé que par un avenant exprès, écrit et signé des deux parties.',
  written_derogation: 'Toute dérogation doit avoir été acceptée au préalable et par écrit par le vendeur ; les présentes conditions s’appliquent alors à titre supplétif. Elles excluent toutes autres conditions, notamment celles du client.',
  particular_conditions: 'Pour les ventes en ligne aux consommateurs, les conditions particulières de vente à distance prévalent sur les présentes conditions générales, qui s’appliquent à titre supplétif.',
};

export function validity(doc: TermsDocument): string {
  return doc.effectiveUntil
    ? `La présente version est en vigueur du ${dateFr(doc.effectiveFrom)} au ${dateFr(doc.effectiveUntil)} inclus. Après cette date, aucune commande ne peut être passée tant qu’une nouvelle version n’est pas publiée.`
    : `La présente version est en vigueur à compter du ${dateFr(doc.effectiveFrom)}.`;
}

function sellerSection(facts: Facts, doc: TermsDocument, scope: string, precedence: readonly (string | undefined)[]): Section {
  const p = facts.profile;
  const office = p.identity.registeredOffice;
  return {
    title: 'Vendeur et champ d’application',
    body: paragraphs(
      `${scope} entre ${sellerLine(p)}${office ? `, dont le siège est situé ${addressFr(office)}` : ''} (ci-après « le vendeur ») et ses clients, sur le site ${siteName(p)}.`,
      ...precedence,
      p.terms.changesNotRetroactive && 'Une nouvelle version ne s’applique jamais aux transactions conclues avant sa mise en ligne.',
      validity(doc),
    ),
  };
}

export function cgvText(facts: Facts, doc: TermsDocument): string {
  const precedence = (facts.profile.terms.precedence ?? []).map((k) => PRECEDENCE[k]);
  return compose([
    sellerSection(facts, doc, 'Les présentes conditions générales de vente régissent les ventes conclues', precedence),
    customersSection(facts),
    orderSection(facts),
    pricesSection(facts),
    paymentSection(facts),
    deliverySection(facts),
    withdrawalSection(facts),
    guaranteeSection(facts, doc),
    liabilitySection(facts),
    personalDataSection(facts),
    evidenceSection(facts),
    changesSection(facts),
    disputesSection(facts),
  ]);
}

/** 001 online: the distance-selling conditions for consumers, which prevail over the CG. */
export function particularConditionsText(facts: Facts, doc: TermsDocument): string {
  return compose([
    sellerSection(
      facts,
      doc,
      'Les présentes conditions particulières de vente à distance régissent les ventes conclues en ligne avec des consommateurs',
      ['Elles prévalent sur les conditions générales de vente du vendeur, qui s’appliquent à titre supplétif pour tout ce qu’elles ne règlent pas.'],
    ),
    customersSection(facts),
    orderSection(facts),
    pricesSection(facts),
    paymentSection(facts),
    deliverySection(facts),
    withdrawalSection(facts),
    guaranteeSection(facts, doc),
    personalDataSection(facts),
    changesSection(facts),
    disputesSection(facts),
  ]);
}
