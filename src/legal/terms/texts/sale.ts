/**
 * Sections of the terms of sale about the contract itself: customers and territories, ordering,
 * prices, payment and delivery. Each returns a titled section, or null when the profile gives the
 * shop nothing to say on the matter.
 */
import type { Profile } from '../../../shops/profile/schema.ts';
import { durationAt, type Facts } from './facts.ts';
import type { Section } from './section.ts';
import {
  bullets, customerKindsFr, dayOfYearFr, deliveryModeFr, duree, enumerate, euros, paragraphs, paymentMethodFr,
  percent, regionFr, sellsToConsumers, sellsToProfessionals,
} from './words.ts';

export function customersSection({ profile: p }: Facts): Section {
  const c = p.customers;
  const t = p.territories;
  return {
    title: 'Clients et territoires',
    body: paragraphs(
      `La boutique vend ${customerKindsFr(c.kinds, 'aux')}.`,
      c.blockProfessionalPurpose && 'Les produits sont vendus pour les besoins personnels du client : une commande passée, même en partie, à des fins professionnelles n’est pas acceptée.',
      sellsToProfessionals(p) && 'Le client professionnel justifie de sa qualité par son numéro SIRET ou son numéro de TVA intracommunautaire ; les règles propres aux professionnels ne s’appliquent jamais à un consommateur.',
      `Les produits sont livrés vers ${enumerate(t.served.map(regionFr))}.`,
      t.pricesExclVatOutsideEu && `Pour une livraison hors de l’Union européenne${t.pricesExclVatOverseas ? ' ou vers les départements et territoires d’outre-mer' : ''}, le prix est facturé hors TVA.`,
      t.customerImportsOutsideHomeCountry && 'Hors de France métropolitaine, le client est l’importateur des produits : les droits de douane et taxes à l’importation sont à sa charge.',
      t.perProductRestrictions && 'Un produit dont la vente est interdite dans le pays de destination ne peut y être commandé ; sa fiche le signale.',
    ),
  };
}

const FORMATION: Readonly<Record<NonNullable<Profile['orders']>['contractFormedAt'], string>> = {
  order_validated: 'Le contrat est conclu dès la validation de la commande.',
  confirmation_email: 'Le contrat est conclu à l’envoi de l’e-mail de confirmation de la commande.',
  payment_received: 'Le contrat est conclu à la réception du paiement ; le vendeur adresse alors au client l’e-mail de confirmation.',
  acceptance_email_and_full_payment: 'La vente n’est définitive qu’après l’envoi par le vendeur d’un e-mail d’acceptation de la commande et l’encaissement de l’intégralité du prix.',
  signature_and_deposit_encashed: 'Pour une commande passée sur offre commerciale, le contrat est formé à la réception par le vendeur de l’offre signée, paraphée et datée, et à l’encaissement effectif de l’acompte.',
};

const REFUSAL: Readonly<Record<string, string>> = {
  any_reason: 'pour tout motif',
  payment_dispute: 'lorsqu’un litige relatif au paiement d’une commande antérieure l’oppose au client',
  bad_faith: 'en cas de mauvaise foi manifeste du client',
  earlier_default: 'lorsque le client n’a pas honoré une commande antérieure',
  unavailable: 'lorsque le produit n’est plus disponible',
};

export function orderSection({ profile: p }: Facts): Section {
  const ck = p.checkout;
  const o = p.orders;
  const refusal = o?.refusal;
  return {
    title: 'Commande',
    body: paragraphs(
      `Le client ajoute les produits à son panier, ${ck.registrationRequired ? 'se connecte à son compte client ou en crée un' : 'indique son identité et son adresse (un compte client est facultatif)'}, choisit le mode de livraison et le moyen de paiement. Une page récapitulative lui présente ensuite chaque produit, les frais et le prix total : il peut revenir en arrière et corriger toute erreur avant de confirmer (C. civ. art. 1127-2).`,
      `Il accepte les présentes conditions en cochant une case qui n’est jamais cochée d’avance, puis confirme sa commande par le bouton « ${ck.finalButtonLabel} », qui l’engage à payer.`,
      ck.maxPerProduct !== undefined && `Une commande ne peut comprendre plus de ${ck.maxPerProduct} unités d’un même produit.`,
      ck.minOrderCents !== undefined && `Aucune commande dont le montant des produits est inférieur à ${euros(ck.minOrderCents)} ${ck.minOrderBasis === 'excl_vat_excl_shipping' ? 'HT' : 'TTC'} n’est acceptée ; les frais de livraison ne sont pas comptés.`,
      o ? FORMATION[o.contractFormedAt] : 'Le contrat est conclu dès la validation de la commande.',
      `Le vendeur confirme la commande par e-mail, avec son récapitulatif et les présentes conditions en PDF, sur un support durable que le client peut conserver (${p.legalSystem === 'FR' ? 'C. consom. art. L221-13' : 'CDE art. VI.46'}).`,
      refusal && `Le vendeur peut refuser une commande ${enumerate(refusal.reasons.map((r) => REFUSAL[r] ?? r), 'ou')}${refusal.notifyWithin ? ` ; il en informe le client dans un délai de ${duree(refusal.notifyWithin.within)}${refusal.notifyWithin.counting === 'business_days' ? ' ouvrés' : ''}` : ''}. Les sommes déjà versées sont alors remboursées en totalité.`,
      o?.tracking && 'Le client suit l’avancement de sa commande depuis son compte.',
      offersParagraph(p),
    ),
  };
}

function offersParagraph(p: Profile): string | undefined {
  const f = p.offers;
  if (!f) return undefined;
  const doc = f.document === 'quote' ? 'un devis établi' : f.document === 'commercial_offer' ? 'une offre commerciale établie' : 'une offre établie';
  const deposit = p.payments?.deposit;
  return paragraphs(
    `Une commande particulière peut faire l’objet d’${doc.startsWith('un ') ? doc.slice(3) : `une ${doc.slice(4)}`} par le vendeur, valable ${duree(f.defaultValidity)} à compter de son émission${f.withinStock ? ' et dans la limite des stocks disponibles' : ''}, pour ${customerKindsFr(f.customerKinds, 'les')}.`,
    // Whether the deposit is asked on offers only or on every order, the contract waits for it (003 art.2.6).
    deposit && `Le contrat n’est formé qu’après le versement ${deposit.kind === 'arrhes' ? 'd’arrhes' : 'd’un acompte'} d’au moins ${percent(deposit.minBp)} du prix total.`,
  );
}

export function pricesSection({ profile: p }: Facts): Section {
  const display = p.territories.priceDisplay;
  const inv = p.invoicing;
  return {
    title: 'Prix',
    body: paragraphs(
      display === 'by_customer_kind'
        ? 'Les prix sont indiqués en euros, toutes taxes comprises (TTC) pour les consommateurs et les non-professionnels, hors taxes (HT) pour les professionnels.'
        : display === 'excl_and_incl_vat'
          ? 'Les prix sont indiqués en euros, hors taxes (HT) et toutes taxes comprises (TTC).'
          : 'Les prix sont indiqués en euros, toutes taxes comprises (TTC).',
      'Le prix applicable est celui affiché au moment où la commande est enregistrée. Les frais de livraison et tout autre frais sont calculés et indiqués avant la confirmation de la commande ; aucune option payante n’est présélectionnée.',
      p.pricing?.quantityToleranceBp !== undefined && `Pour les produits vendus au poids ou à la longueur, la quantité livrée peut différer de ${percent(p.pricing.quantityToleranceBp)} au plus de la quantité commandée ; la quantité livrée est facturée.`,
      p.pricing?.revisionIfCustomerPostponesOver && `Le prix d’une offre signée est ferme ; il ne peut être révisé que si le client reporte la livraison de plus de ${duree(p.pricing.revisionIfCustomerPostponesOver)}.`,
      inv?.adminFee && `Des frais de gestion de ${euros(inv.adminFee.amountExclVatCents)} HT sont ajoutés à chaque facture ${customerKindsFr(inv.adminFee.customerKinds, 'aux')}.`,
      'Aucun frais n’est facturé pour l’usage d’un moyen de paiement.',
    ),
  };
}

const CAPTURE: Readonly<Record<NonNullable<Profile['payments']>['capture'], string>> = {
  at_order: 'Le prix est payable en totalité à la commande.',
  at_shipment: 'Le prix est débité à l’expédition de la commande.',
  on_delivery: 'Le prix est payable au jour de la livraison.',
  after_delivery: 'Le prix est payable après la livraison, à la date indiquée sur la facture.',
};

export function paymentSection(facts: Facts): Section {
  const p = facts.profile;
  const pay = p.payments;
  if (!pay) return null;
  const r = p.receivables;
  return {
    title: 'Paiement',
    body: paragraphs(
      'Le client paie par l’un des moyens suivants :',
      bullets(pay.methods.map(paymentMethodFr)),
      pay.capture === 'after_delivery' && pay.dueAfterDelivery ? `Le prix est payable dans les ${duree(pay.dueAfterDelivery)} suivant la livraison.` : CAPTURE[pay.capture],
      pay.paymentWindow && `Une commande payable par virement qui n’est pas réglée fait l’objet d’un rappel après ${duree(pay.paymentWindow.remindAfter)} ; sans paiement ${duree(pay.paymentWindow.cancelAfter)} après la commande, elle est annulée et les produits sont remis en stock.`,
      // With offers, their paragraph already says it (offersParagraph).
      !p.offers && pay.deposit?.appliesTo === 'all_orders' && `${pay.deposit.kind === 'arrhes' ? 'Des arrhes' : 'Un acompte'} de ${percent(pay.deposit.minBp)} ${pay.deposit.kind === 'arrhes' ? 'sont versées' : 'est versé'} à la commande.`,
      p.legalSystem === 'FR' && sellsToConsumers(p) && 'Toute somme versée d’avance par un consommateur produit intérêt au taux légal à l’expiration d’un délai de trois mois à compter de son versement, jusqu’à la livraison ou la restitution (C. consom. art. L214-2).',
      p.orders?.suspendUntilPaid && 'Le vendeur n’est tenu de livrer qu’après l’encaissement effectif du prix.',
      r?.paymentTerms?.length && `Sur accord du vendeur, un professionnel peut bénéficier d’un paiement à terme : ${enumerate(r.paymentTerms.map((t) => t.label))}.`,
      r?.lateInterest && `En cas de retard de paiement d’un professionnel, des pénalités égales à ${r.lateInterest.legalRateMultiplier} fois le taux d’intérêt légal${r.lateInterest.plusBp ? ` majoré de ${String(r.lateInterest.plusBp / 100).replace('.', ',')} points` : ''} sont dues dès le lendemain de l’échéance, sans rappel.`,
      r?.recoveryIndemnity && `Tout retard de paiement d’un professionnel entraîne de plein droit une indemnité forfaitaire pour frais de recouvrement de ${euros(r.recoveryIndemnity.amountCents)} (C. com. art. L441-10 et D441-5)${r.recoveryIndemnity.plusActualCostsAbove ? ', et une indemnité complémentaire sur justificatifs si les frais exposés sont supérieurs' : ''}.`,
      r?.retentionOfTitle === 'until_full_payment' && 'Le vendeur reste propriétaire des produits jusqu’au paiement intégral du prix.',
      r?.ownershipPasses === 'after_full_payment' && 'Le transfert de propriété des produits a lieu après le paiement intégral du prix.',
    ),
  };
}

export function deliverySection(facts: Facts): Section {
  const p = facts.profile;
  const d = p.delivery;
  if (!d) return null;
  const consumers = sellsToConsumers(p);
  const campaigns = p.campaigns ?? [];
  return {
    title: 'Livraison',
    body: paragraphs(
      'Les modes de livraison proposés sont :',
      bullets(d.modes.map(deliveryModeFr)),
      'Les modes disponibles pour une adresse, leurs frais et leur délai sont indiqués avant la confirmation de la commande.',
      ...campaigns.map((c) => `Pour la campagne « ${c.name.replace('{year}', '').trim()} », une commande passée après le ${dayOfYearFr(c.lateOrdersAfter)} n’est pas livrée avant le ${dayOfYearFr(c.lateOrdersNotBefore)} ; elle l’est au plus tard le ${dayOfYearFr(c.lateOrdersLatestBy)}.`),
      consumers && `Le vendeur livre à la date ou dans le délai indiqués lors de la commande ; ce délai est ferme. À défaut d’indication, il livre au plus tard ${duree(d.consumerMaxDelay ?? 'P30D')} après la conclusion du contrat${p.legalSystem === 'FR' ? ' (C. consom. art. L216-1)' : ''}.`,
      d.singleShipment && 'Les produits sont livrés en une seule fois, sauf indisponibilité d’un article.',
      consumers && 'Pour le consommateur, les produits voyagent aux risques du vendeur : le risque de perte ou d’endommagement ne lui est transféré qu’au moment où il prend physiquement possession des produits, ou un tiers qu’il a désigné.',
      d.modes.some((m) => m.mode === 'customer_carrier') && 'Lorsque le client confie le transport à un transporteur qu’il a lui-même choisi, le risque lui est transféré à la remise des produits à ce transporteur.',
      d.riskTransfer.nonConsumer && sellsToProfessionals(p) && 'Pour le professionnel, les produits voyagent à ses risques dès leur sortie du dépôt du vendeur ; il lui appartient d’émettre des réserves auprès du transporteur.',
      d.reserves && `Ces réserves sont confirmées au transporteur par lettre recommandée avec accusé de réception dans les ${enumerate(d.reserves.confirmWithin.map((w) => duree(w.within)), 'ou')} suivant la livraison (jours fériés exclus)${d.reserves.copyToSeller ? ', avec une copie au vendeur' : ''}.`,
      d.transportDamageReport && 'Le client est invité à signaler au livreur tout dommage visible à la livraison ; un défaut constaté plus tard reste couvert par la garantie légale de conformité.',
      lateDeliveryParagraph(facts),
    ),
  };
}

function lateDeliveryParagraph(facts: Facts): string | undefined {
  const p = facts.profile;
  if (!sellsToConsumers(p)) return undefined;
  const refund = durationAt(facts, 'lateDelivery.consumer.refund.within', p.lateDelivery?.consumer?.refund.within, 'P14D');
  if (p.legalSystem === 'FR') {
    return paragraphs(
      'En cas de retard de livraison, le consommateur peut enjoindre au vendeur, par écrit, de livrer dans un délai supplémentaire raisonnable, puis résoudre le contrat si le vendeur ne s’exécute pas ; il peut résoudre immédiatement si le vendeur refuse de livrer ou si la date de livraison était pour lui une condition essentielle (C. consom. art. L216-6). Le contrat est résolu à la réception par le vendeur de la lettre ou de l’écrit qui l’en informe, sauf livraison intervenue entre-temps.',
      `Le vendeur rembourse alors la totalité des sommes versées au plus tard dans les ${duree(refund)} suivant la résolution (C. consom. art. L216-7). Tout retard de remboursement est majoré de 10 % jusqu’à 14 jours de retard, de 20 % jusqu’à 30 jours et de 50 % au-delà (C. consom. art. L241-4).`,
    );
  }
  return `En cas de retard de livraison, le consommateur peut mettre le vendeur en demeure de livrer dans un délai supplémentaire raisonnable, puis résoudre le contrat ; le vendeur lui rembourse alors toutes les sommes versées au plus tard dans les ${duree(refund)}.`;
}
