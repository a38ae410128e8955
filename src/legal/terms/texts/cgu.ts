/**
 * The website's terms of use (CGU): access, account, acceptable use, intellectual property,
 * links and partners, availability, suspension, accessibility (000 §2–§16 give the model).
 */
import { fr } from './glossary.ts';
import { changesSection, disputesSection, evidenceSection } from './closing.ts';
import { contactMeans, type Facts, sellerLine, siteName } from './facts.ts';
import { compose, type Section } from './section.ts';
import type { TermsDocument } from './terms-document.ts';
import { addressFr, bullets, dateFr, enumerate, paragraphs } from './words.ts';

function purpose({ profile: p }: Facts, doc: TermsDocument): Section {
  const id = p.identity;
  return {
    title: 'Objet',
    body: paragraphs(
      `Les présentes conditions d’utilisation régissent l’accès au site ${siteName(p)} et son utilisation. Le site est édité par ${sellerLine(p)}${id.registeredOffice ? `, ${addressFr(id.registeredOffice)}` : ''} (ci-après « l’éditeur »), sur la plateforme Comptoir.`,
      'Naviguer sur le site suppose l’acceptation des présentes conditions. La création d’un compte et chaque commande requièrent en outre une acceptation expresse, en cochant une case qui n’est jamais cochée d’avance.',
      p.terms.documents.some((d) => d.kind === 'cgv') && 'Les ventes sont régies par les conditions générales de vente, qui prévalent sur les présentes conditions pour tout ce qui concerne une commande.',
      `La présente version est en vigueur à compter du ${dateFr(doc.effectiveFrom)}${doc.effectiveUntil ? ` et jusqu’au ${dateFr(doc.effectiveUntil)} inclus` : ''}.`,
    ),
  };
}

function access({ profile: p }: Facts): Section {
  return {
    title: 'Accès au site et compte',
    body: paragraphs(
      'Le site est accessible gratuitement à toute personne disposant d’un accès à internet ; les frais de connexion restent à la charge de l’utilisateur. Il fonctionne sans JavaScript et vise la conformité au RGAA.',
      p.checkout.registrationRequired
        ? 'Un compte est nécessaire pour commander.'
        : 'Un compte est facultatif pour commander ; il permet de suivre ses commandes et d’exercer ses droits plus facilement.',
      'L’utilisateur qui crée un compte fournit des informations exactes et les tient à jour. Il garde son mot de passe confidentiel ; le mot de passe n’est jamais conservé en clair. Le compte est personnel et ne peut être cédé ni transféré sans l’accord écrit de l’éditeur.',
      'L’utilisateur peut fermer son compte à tout moment en le demandant à l’éditeur ; les données liées aux commandes sont alors conservées pour les seules durées légales.',
    ),
  };
}

function conduct({ profile: p }: Facts): Section {
  return {
    title: 'Règles d’utilisation',
    body: paragraphs(
      'L’utilisateur s’interdit notamment :',
      bullets([
        'd’introduire un virus ou tout autre programme malveillant, ou de tenter d’accéder sans autorisation aux systèmes du site ;',
        'de collecter de manière systématique ou automatisée les données du site (extraction, aspiration) ou de les utiliser à des fins de prospection ;',
        'de nuire au fonctionnement, à la disponibilité ou à l’accessibilité du site, notamment par un volume anormal de requêtes ;',
        'de contourner une restriction d’accès, ou de publier un contenu illicite ou portant atteinte aux droits d’autrui.',
      ]),
      'Le site limite le nombre de requêtes par adresse et peut bloquer un trafic automatisé.',
      p.territories.perProductRestrictions && 'L’accès à un produit et son achat sont interdits depuis un territoire où ils sont illégaux.',
    ),
  };
}

function property({ profile: p }: Facts): Section {
  const partners = p.partners ?? [];
  return {
    title: 'Propriété intellectuelle, liens et partenaires',
    body: paragraphs(
      `Les textes, photographies, marques, logos et autres contenus du site appartiennent à ${p.identity.legalName} ou à ses concédants. Toute reproduction ou utilisation sans autorisation écrite préalable est interdite, sous réserve des exceptions prévues par la loi, comme la courte citation.`,
      'Les idées ou suggestions qu’un utilisateur adresse spontanément à l’éditeur peuvent être utilisées librement par celui-ci, sans contrepartie.',
      'Le site peut contenir des liens vers des sites tiers que l’éditeur ne contrôle pas ; leurs propres conditions et politiques de confidentialité s’y appliquent.',
      ...partners.map((x) => `Les offres de ${x.name} (${fr(x.category)}) accessibles depuis le site sont régies par les « ${x.termsTitle} » ; le contrat est conclu avec ${x.name}.`),
    ),
  };
}

function availability({ profile: p }: Facts): Section {
  const contacts = contactMeans(p);
  return {
    title: 'Disponibilité, responsabilité et suspension',
    body: paragraphs(
      'L’éditeur s’efforce de maintenir le site accessible, sans pouvoir le garantir en permanence. Il peut le modifier, l’interrompre pour maintenance ou en suspendre une partie ; une commande déjà conclue reste exécutée dans ses conditions.',
      'Les informations du site sont fournies en l’état ; elles ne constituent pas un conseil juridique, financier ou médical. Ces limites ne réduisent en rien les droits que le consommateur tient de la loi.',
      'En cas de manquement grave aux présentes conditions, l’éditeur peut suspendre ou fermer le compte de l’utilisateur, après l’en avoir informé par écrit avec le motif retenu, sauf urgence. La suspension n’affecte pas les commandes déjà conclues.',
      p.accessibility?.feedbackForm
        ? 'Un utilisateur en situation de handicap qui ne peut accéder à une partie du site peut le signaler par le formulaire prévu à cet effet, en décrivant précisément la difficulté ; chaque signalement est suivi et le problème corrigé dans les meilleurs délais.'
        : `Un utilisateur qui rencontre un obstacle d’accessibilité peut le signaler à l’éditeur${contacts.length ? ` ${enumerate(contacts, 'ou')}` : ''} ; chaque signalement est suivi.`,
    ),
  };
}

export function cguText(facts: Facts, doc: TermsDocument): string {
  return compose([
    purpose(facts, doc),
    access(facts),
    conduct(facts),
    property(facts),
    availability(facts),
    evidenceSection(facts),
    changesSection(facts),
    disputesSection(facts),
  ]);
}
