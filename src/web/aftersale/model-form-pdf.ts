/**
 * The model withdrawal form (issue 10 §8) as a PDF, pre-filled with what the shop knows: its own
 * name and address, the order's number and date, the consumer's name and address. The consumer
 * still strikes the (*) mentions, lists the goods or services, adds the day they received them,
 * signs and dates. Wording: FR C. consom. annex to R221-1 for a French shop; BE Code de droit
 * économique, Book VI, annex 2 for a Belgian one, in French and in Dutch (both official). An
 * English page follows as a courtesy translation (Directive 2011/83 annex I B), marked as such.
 *
 * Rendered when asked (the order page's link, the confirmation e-mail at send time), never on
 * the order path, and never cached: it carries one consumer's name and address (only the law's
 * wording is laid out once per process, pdf-static-text.ts). pdfkit's Helvetica in WinAnsi, as
 * the terms, invoices and withdrawal statement. Reproducible: the file's dates are the order's.
 */
import type { Kysely } from 'kysely';
import { addressLine } from '../../aftersale/format.ts';
import { MODEL_FORM_ATTACHMENT, modelFormApplies, modelFormFileName } from '../../aftersale/model-form.ts';
import { customerOf, findOrder } from '../../aftersale/queries.ts';
import type { AddressJson, DB, EmailAttachment } from '../../db/schema.ts';
import type { Lang } from '../../kernel/i18n/index.ts';
import { LOCALES } from '../../kernel/i18n/money.ts';
import { dateTimeFormat } from '../../kernel/intl.ts';
import { loadPdfKit, winAnsi } from '../../legal/terms/pdf.ts';
import { getShop, type Shop } from '../../shops/service.ts';
import { loadStaticText, type StaticText } from './pdf-static-text.ts';

export { MODEL_FORM_ATTACHMENT, modelFormApplies, modelFormFileName };

type Wording = {
  title: string;
  intro: string;
  source: string;
  to: string;
  notice: string;
  orderedOn: string;
  receivedOn: string;
  orderNo: string;
  name: string;
  address: string;
  signature: string;
  date: string;
  strike: string;
  courtesy?: string;
  footer: string;
};

const FR_BASE = {
  title: 'Modèle de formulaire de rétractation',
  intro: '(Veuillez compléter et renvoyer le présent formulaire uniquement si vous souhaitez vous rétracter du contrat.)',
  to: 'À l’attention de',
  notice: 'Je/Nous (*) vous notifie/notifions (*) par la présente ma/notre (*) rétractation du contrat portant sur la vente du bien (*)/pour la prestation de services (*) ci-dessous :',
  orderedOn: 'Commandé le (*)',
  receivedOn: 'reçu le (*)',
  orderNo: 'commande n°',
  name: 'Nom du (des) consommateur(s)',
  address: 'Adresse du (des) consommateur(s)',
  signature: 'Signature du (des) consommateur(s) (uniquement en cas de notification du présent formulaire sur papier)',
  date: 'Date',
  footer: 'Formulaire pré-rempli par {shop} pour la commande n° {number}. Vous pouvez aussi vous rétracter en ligne depuis la page de votre commande, ou par toute autre déclaration dénuée d’ambiguïté.',
};

/** The official texts, by the shop's legal system; the first of each list is the shop's own language where it has two. */
const OFFICIAL: Readonly<Record<Shop['legalSystem'], Readonly<Partial<Record<Lang, Wording>>>>> = {
  FR: {
    fr: { ...FR_BASE, source: 'Annexe à l’article R221-1 du Code de la consommation', strike: '(*) Rayez la mention inutile.' },
  },
  BE: {
    fr: {
      ...FR_BASE,
      source: 'Code de droit économique, livre VI, annexe 2',
      strike: '(*) Biffez la mention inutile.',
    },
    nl: {
      title: 'Modelformulier voor herroeping',
      intro: '(dit formulier alleen invullen en terugzenden als u de overeenkomst wilt herroepen)',
      source: 'Wetboek van economisch recht, boek VI, bijlage 2',
      to: 'Aan',
      notice: 'Ik/Wij (*) deel/delen (*) u hierbij mede, dat ik/wij (*) onze overeenkomst betreffende de verkoop van de volgende goederen/levering van de volgende dienst (*) herroep/herroepen (*):',
      orderedOn: 'Besteld op (*)',
      receivedOn: 'ontvangen op (*)',
      orderNo: 'bestelling nr.',
      name: 'Naam/Namen consument(en)',
      address: 'Adres consument(en)',
      signature: 'Handtekening van consument(en) (alleen wanneer dit formulier op papier wordt ingediend)',
      date: 'Datum',
      strike: '(*) Doorhalen wat niet van toepassing is.',
      footer: 'Formulier vooraf ingevuld door {shop} voor bestelling nr. {number}. U kunt ook online herroepen vanaf de pagina van uw bestelling, of met elke andere ondubbelzinnige verklaring.',
    },
  },
};

const COURTESY: Wording = {
  title: 'Model withdrawal form',
  intro: '(complete and return this form only if you wish to withdraw from the contract)',
  source: 'Directive 2011/83/EU, annex I (B)',
  to: 'To',
  notice: 'I/We (*) hereby give notice that I/We (*) withdraw from my/our (*) contract of sale of the following goods (*)/for the provision of the following service (*):',
  orderedOn: 'Ordered on (*)',
  receivedOn: 'received on (*)',
  orderNo: 'order no.',
  name: 'Name of consumer(s)',
  address: 'Address of consumer(s)',
  signature: 'Signature of consumer(s) (only if this form is notified on paper)',
  date: 'Date',
  strike: '(*) Delete as appropriate.',
  courtesy: 'Courtesy translation: only the {official} text is authoritative; you may send either.',
  footer: 'Form pre-filled by {shop} for order no. {number}. You may also withdraw online from your order’s page, or by any other unambiguous statement.',
};

const LANGUAGE_NAMES: Readonly<Record<Lang, string>> = { fr: 'French', nl: 'Dutch', en: 'English' };

export type ModelFormFacts = {
  shop: Shop;
  order: { id: string; number: string; placedAt: Date };
  customer: { name: string; address: AddressJson | null };
};

/** The facts to pre-fill, or null when the order has no withdrawal right (or is not the shop's). */
export async function modelFormFacts(db: Kysely<DB>, shop: Shop, orderId: string): Promise<ModelFormFacts | null> {
  const order = await findOrder(db, shop.slug, orderId);
  if (!order || !modelFormApplies(shop, order.customer_kind)) return null;
  const c = await customerOf(db, shop.slug, order.customer_id);
  const name = c ? [`${c.first_name} ${c.last_name}`.trim(), c.company_name].filter(Boolean).join(', ') : '';
  return { shop, order: { id: order.id, number: order.number, placedAt: order.placed_at }, customer: { name, address: c?.address ?? null } };
}

const LEFT = 50;
const WIDTH = 495;
const GREY = '#444444';
const LINE = '#999999';
type Doc = PDFKit.PDFDocument;

const fill = (s: string, values: Record<string, string>) => s.replace(/\{(\w+)\}/g, (_, k: string) => values[k] ?? '');

/** A blank line to write on, from x to the right margin. */
function blank(doc: Doc, x = LEFT + 12, gap = 20): void {
  doc.y += gap;
  doc.moveTo(x, doc.y).lineTo(LEFT + WIDTH, doc.y).lineWidth(0.5).strokeColor(LINE).stroke();
  doc.y += 4;
}

/** A paragraph of the law's wording, as `doc.text` would wrap it at the page's width. */
type Paragraph = (text: string, font: string, size: number) => void;

function page(doc: Doc, draw: StaticText, lang: Lang, w: Wording, f: ModelFormFacts, official: string): void {
  const { shop, order, customer } = f;
  // French typography puts a (no-break) space before the colon; Dutch and English do not.
  const colon = lang === 'fr' ? '\u00a0:' : ':';
  const para: Paragraph = (s, font, size) => draw(doc, s, { font, size }, LEFT, WIDTH);
  const item = (s: string, options: PDFKit.Mixins.TextOptions = {}) => doc.text(winAnsi(`— ${s}`), LEFT, doc.y, { width: WIDTH, ...options });
  const label = (s: string) => para(`— ${s}`, 'Helvetica', 10.5);
  const filled = (name: string, value: string) => {
    doc.font('Helvetica').fontSize(10.5).fillColor('black');
    item(`${name}${colon} `, { continued: true });
    doc.font('Helvetica-Bold').text(winAnsi(value));
    doc.font('Helvetica');
  };
  const id = shop.profile.identity;
  const office = id.returnsAddress ?? id.registeredOffice ?? null;
  const trader = [[id.legalName, id.tradeName && id.tradeName !== id.legalName ? `(${id.tradeName})` : ''].filter(Boolean).join(' '), addressLine(office), id.email ?? ''].filter(Boolean).join(', ');
  const placedOn = dateTimeFormat(LOCALES[lang], { dateStyle: 'long', timeZone: shop.timeZone }).format(order.placedAt);

  if (w.courtesy) {
    doc.fillColor(GREY);
    para(fill(w.courtesy, { official }), 'Helvetica-Oblique', 9);
    doc.moveDown(0.6);
  }
  doc.fillColor('black');
  para(w.title, 'Helvetica-Bold', 16);
  doc.font('Helvetica').fontSize(9).fillColor(GREY).moveDown(0.2);
  para(w.source, 'Helvetica', 9);
  doc.font('Helvetica-Oblique').fontSize(10.5).fillColor('black').moveDown(0.8);
  para(w.intro, 'Helvetica-Oblique', 10.5);
  doc.moveDown(1);
  filled(w.to, trader);
  doc.moveDown(0.8);
  label(w.notice);
  for (let i = 0; i < 4; i++) blank(doc);
  doc.moveDown(0.8);
  filled(`${w.orderedOn}`, `${placedOn} (${w.orderNo} ${order.number})`);
  doc.moveDown(0.3);
  label(`${w.receivedOn}${colon}`);
  blank(doc, LEFT + 12, 8);
  doc.moveDown(0.8);
  filled(w.name, customer.name);
  doc.moveDown(0.8);
  if (customer.address) filled(w.address, addressLine(customer.address));
  else {
    label(`${w.address}${colon}`);
    blank(doc, LEFT + 12, 8);
  }
  doc.moveDown(0.8);
  label(`${w.signature}${colon}`);
  blank(doc, LEFT + 12, 30);
  doc.moveDown(0.8);
  label(`${w.date}${colon}`);
  blank(doc, LEFT + 12, 8);
  doc.moveDown(1.2).font('Helvetica').fontSize(9.5).fillColor('black');
  para(w.strike, 'Helvetica', 9.5);
  doc.moveDown(1.5).fontSize(8).fillColor(GREY);
  // The order's number and the shop's name vary: pdfkit wraps this one each time.
  doc.text(winAnsi(fill(w.footer, { shop: shop.name, number: order.number })), LEFT, doc.y, { width: WIDTH });
}

/** The official page(s) in the shop's language first, then the other official one (BE), then the English courtesy page. */
export async function renderModelFormPdf(f: ModelFormFacts): Promise<Buffer> {
  const official = OFFICIAL[f.shop.legalSystem];
  const langs = (Object.keys(official) as Lang[]).sort((a, b) => Number(b === f.shop.language) - Number(a === f.shop.language));
  const [PDFDocument, draw] = await Promise.all([loadPdfKit(), loadStaticText()]);
  const first = official[langs[0] ?? 'fr'] ?? COURTESY;
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: 50, bottom: 50, left: LEFT, right: 50 },
    lang: langs[0] ?? 'fr',
    info: { Title: winAnsi(`${first.title} — ${f.order.number}`), Author: winAnsi(f.shop.name), Creator: 'Comptoir', Producer: 'Comptoir (pdfkit)', CreationDate: f.order.placedAt, ModDate: f.order.placedAt },
  });
  const chunks: Buffer[] = [];
  doc.on('data', (chunk: Buffer) => chunks.push(chunk));
  const done = new Promise<Buffer>((resolve, reject) => {
    doc.on('end', () => resolve(Buffer.concat(chunks)));
    doc.on('error', reject);
  });
  const names = langs.map((l) => LANGUAGE_NAMES[l]).join(' or ');
  langs.forEach((lang, i) => {
    if (i > 0) doc.addPage();
    page(doc, draw, lang, official[lang] ?? COURTESY, f, names);
  });
  doc.addPage();
  page(doc, draw, 'en', COURTESY, f, names);
  doc.end();
  return done;
}

/** The confirmation e-mail's attachment, rendered at send time from the order as it is (never cached: personal). */
export async function modelFormAttachment(db: Kysely<DB>, shopId: string | null, orderId: string): Promise<EmailAttachment> {
  const shop = await getShop(db, shopId ?? '');
  const facts = await modelFormFacts(db, shop, orderId);
  if (!facts) throw new Error(`order ${orderId} has no withdrawal right: no model form`);
  const pdf = await renderModelFormPdf(facts);
  return { filename: modelFormFileName(shop, facts.order.number), contentType: 'application/pdf', contentBase64: pdf.toString('base64') };
}
