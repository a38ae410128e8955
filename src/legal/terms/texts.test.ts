import assert from 'node:assert/strict';
import { test } from 'node:test';
import { loadProfilesDir } from '../../shops/profile/load.ts';
import type { Profile } from '../../shops/profile/schema.ts';
import { parseMarkup } from './markup.ts';
import { isTermsKind, isVersionLabel, REQUIRED_KINDS, type TermsKind } from './rules.ts';
import { documentBody } from './texts/document.ts';
import type { TermsDocument } from './texts/terms-document.ts';

const profiles = new Map(loadProfilesDir('profiles').map((p) => [p.slug, p]));

function profile(slug: string): Profile {
  const p = profiles.get(slug);
  assert.ok(p, slug);
  return p;
}

function doc(p: Profile, kind: TermsKind): TermsDocument {
  const d = p.terms.documents.find((x) => x.kind === kind);
  assert.ok(d?.effectiveFrom, `${p.slug} ${kind} has a date`);
  return { kind, title: d.title, language: d.language, effectiveFrom: d.effectiveFrom, effectiveUntil: d.effectiveUntil ?? null };
}

const text = (slug: string, kind: TermsKind) => documentBody(profile(slug), doc(profile(slug), kind));

test('every demo shop lists a dated, labelled CGV, CGU, privacy and cookie policy (A-24)', () => {
  assert.equal(profiles.size, 5);
  for (const p of profiles.values()) {
    for (const kind of REQUIRED_KINDS) {
      const d = p.terms.documents.find((x) => x.kind === kind);
      assert.ok(d?.effectiveFrom && d.versionLabel && isVersionLabel(d.versionLabel), `${p.slug} ${kind}`);
    }
    for (const kind of p.checkout.termsToAccept) assert.ok(isTermsKind(kind), `${p.slug} can publish ${kind}`);
  }
});

test('each text is French, structured in numbered articles, and the same profile always gives the same bytes', () => {
  for (const p of profiles.values()) {
    for (const d of p.terms.documents) {
      if (!isTermsKind(d.kind)) continue;
      const body = text(p.slug, d.kind);
      assert.equal(body, text(p.slug, d.kind));
      const headings = parseMarkup(body).filter((b) => b.type === 'heading' && b.level === 2);
      assert.ok(headings.length >= 4, `${p.slug} ${d.kind}`);
      assert.match(body, /^## Article 1 – /);
      assert.doesNotMatch(body, /undefined|null|\[object|NaN/, `${p.slug} ${d.kind}`);
      assert.doesNotMatch(body, /\b(the|and|of|only|on request)\b/, `${p.slug} ${d.kind} has English words`);
    }
  }
});

test('bible-et-jeux CGV: its own parameters, its expiry, and the legal values where the seed is weaker', () => {
  const cgv = text('bible-et-jeux', 'cgv');
  assert.match(cgv, /Bible et Jeux, dont le siège est situé 27B Rue du Mas Donat, 66000 Perpignan/);
  assert.match(cgv, /en vigueur du 1er janvier 2026 au 1er janvier 2027 inclus/);
  assert.match(cgv, /plus de 4 unités d’un même produit/);
  assert.match(cgv, /inférieur à 2 € TTC/);
  assert.match(cgv, /les États membres de l’Union européenne et la Suisse/);
  assert.match(cgv, /Visa, Mastercard, American Express et CB/);
  // Seed: return within 10 days, refund 14 days from the goods, 30-day defect notice, 6-month second-hand presumption.
  assert.match(cgv, /renvoie ou rend le bien au plus tard 14 jours après avoir communiqué sa décision/);
  assert.doesNotMatch(cgv, /10 jours/);
  assert.match(cgv, /au plus tard 14 jours à compter du jour où il est informé de la décision de rétractation/);
  assert.match(cgv, /12 mois pour un bien d’occasion/);
  assert.match(cgv, /10 % jusqu’à 14 jours de retard, de 20 % jusqu’à 30 jours et de 50 % au-delà/);
  assert.doesNotMatch(cgv, /30 jours à compter de la livraison/);
});

test('coopso (Belgian law): legal presumption and remedy choice, any channel, particular conditions prevail', () => {
  const cgv = text('coopso', 'cgv');
  assert.match(cgv, /C\. civ\. art\. 1649bis/);
  assert.match(cgv, /dans les 24 mois suivant la délivrance/);
  assert.match(cgv, /Le consommateur choisit entre la réparation et le remplacement/);
  assert.match(cgv, /toute autre déclaration dénuée d’ambiguïté/);
  assert.match(cgv, /conditions particulières de vente à distance prévalent/);
  assert.match(cgv, /soumises au droit belge/);
  assert.match(cgv, /Charleroi/);
  assert.match(cgv, /après le 20 août n’est pas livrée avant le 5 septembre/);
  assert.match(cgv, /Pour les clients qui ne sont pas consommateurs, tout litige relève de la compétence exclusive du Tribunal de commerce de Bruxelles/);
  const particular = text('coopso', 'particular_conditions');
  assert.match(particular, /Elles prévalent sur les conditions générales de vente du vendeur/);
});

test('privacy and cookie policies carry each profile’s retention and cookie lifetimes', () => {
  const privacy = text('coopo', 'privacy');
  assert.match(privacy, /3 ans à compter de votre dernier contact/);
  assert.match(privacy, /rgpd@coopo\.fr/);
  assert.match(privacy, /prolongé de deux mois/);
  assert.match(text('distritec', 'privacy'), /3 ans à compter de votre dernière commande ou de votre dernier contact/);
  assert.match(text('bible-et-jeux', 'privacy'), /ne vous est demandé qu’en cas de doute raisonnable/);
  const cookies = text('coopo', 'cookies');
  assert.match(cookies, /Votre acceptation est conservée 12 mois et votre refus 12 mois/);
  assert.match(cookies, /durée de vie de 13 mois au plus/);
  assert.match(text('coopso', 'cookies'), /Google Analytics n’est activé qu’après votre consentement/);
  assert.match(text('bible-et-jeux', 'cookies'), /ne dépose aucun cookie de mesure d’audience/);
});

test('coopconnexion: written notice of each change binds the user from the day he is told (000 §20, A-03)', () => {
  const cgu = text('coopconnexion', 'cgu');
  assert.match(cgu, /informe par écrit chaque utilisateur inscrit de toute modification/);
  assert.match(cgu, /exclusivement en français/);
  assert.match(text('coopconnexion', 'cgv'), /la version dont le client a été informé en dernier/);
});

test('distritec: the named mediator, the professional-only penalties and indemnity', () => {
  const cgv = text('distritec', 'cgv');
  assert.match(cgv, /CMAP, 39 avenue Franklin Delano Roosevelt, 75008 Paris/);
  assert.match(cgv, /3 fois le taux d’intérêt légal majoré de 5 points/);
  assert.match(cgv, /indemnité forfaitaire pour frais de recouvrement de 40 €/);
  assert.match(cgv, /franco de port à partir de 250 € HT/);
});
