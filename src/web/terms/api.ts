/**
 * API: the terms documents (API.md `GET /shops/{shop}/terms`), and every version of one kind.
 */
import type { FastifyPluginAsync } from 'fastify';
import { today } from '../../kernel/clock.ts';
import { DomainError } from '../../kernel/errors.ts';
import { getShop } from '../../shops/service.ts';
import { baseUrl } from '../urls.ts';
import { isTermsKind } from '../../legal/terms/rules.ts';
import { currentTerms, listTermsVersions, type TermsVersionSummary, versionStatus } from '../../legal/terms/service.ts';
import { termsUrl } from '../../legal/terms/urls.ts';

type ShopParams = { Params: { shop: string } };
type KindParams = { Params: { shop: string; kind: string } };

function termsJson(v: Omit<TermsVersionSummary, 'publishedAt'>, shop: string, base: string) {
  const url = `${base}${termsUrl(shop, v.kind, v.version)}`;
  return {
    kind: v.kind,
    version: v.version,
    sha256: v.sha256,
    effectiveFrom: v.effectiveFrom,
    effectiveUntil: v.effectiveUntil,
    url,
    pdfUrl: `${url}.pdf`,
    title: v.title,
    language: v.language,
  };
}

export const termsApi: FastifyPluginAsync = async (app) => {
  const { db } = app.deps.database;
  const { clock } = app.deps;

  app.get<ShopParams>('/shops/:shop/terms', { schema: { tags: ['terms'], summary: 'The documents in force today: terms of sale and of use, privacy and cookie policies' } }, async (request) => {
    const shop = await getShop(db, request.params.shop);
    const versions = await currentTerms(db, shop.slug, today(clock, shop.timeZone));
    const base = baseUrl(request);
    return versions.map((v) => termsJson(v, shop.slug, base));
  });

  app.get<KindParams>('/shops/:shop/terms/:kind', { schema: { tags: ['terms'], summary: 'Every version of one document, newest first, with its status today' } }, async (request) => {
    const shop = await getShop(db, request.params.shop);
    const { kind } = request.params;
    if (!isTermsKind(kind)) throw new DomainError('terms_not_found', 'not_found');
    const day = today(clock, shop.timeZone);
    const current = await currentTerms(db, shop.slug, day);
    const base = baseUrl(request);
    return (await listTermsVersions(db, shop.slug, kind)).map((v) => ({
      ...termsJson(v, shop.slug, base),
      status: versionStatus(v, current, day),
      publishedAt: v.publishedAt.toISOString(),
    }));
  });
};
