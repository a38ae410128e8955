/**
 * Pages of the terms documents: the version in force of a kind, any version by its label, and
 * each version as PDF and as the exact plain text its SHA-256 covers. A kind or version that is
 * not a well-formed identifier is a 404, like an unknown one (no 400 that leaks the format).
 */
import type { FastifyInstance, FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { today } from '../../kernel/clock.ts';
import { DomainError } from '../../kernel/errors.ts';
import { t } from '../../kernel/i18n/index.ts';
import { getShop, type Shop } from '../../shops/service.ts';
import { frameFor, sendPage } from '../context.ts';
import { Page } from '../layout.tsx';
import { isTermsKind, type TermsKind } from '../../legal/terms/rules.ts';
import { currentTerms, findTermsVersion, listTermsVersions, type TermsVersion, termsPdf, versionStatus } from '../../legal/terms/service.ts';
import { NoTermsInForce, TermsVersionPage } from '../../legal/terms/views/terms-page.tsx';

type KindParams = { Params: { shop: string; kind: string } };
type VersionParams = { Params: { shop: string; kind: string; version: string } };

const notFound = () => new DomainError('terms_not_found', 'not_found');

async function pageOf(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, shop: Shop, version: TermsVersion | undefined, kind: TermsKind) {
  const db = app.deps.database.db;
  const day = today(app.deps.clock, shop.timeZone);
  const current = (await currentTerms(db, shop.slug, day)).find((v) => v.kind === kind);
  const versions = await listTermsVersions(db, shop.slug, kind);
  const shown = version ?? current;
  const frameShop = { slug: shop.slug, name: shop.name };
  if (!shown) {
    const frame = frameFor(request, reply, t(request.lang, `terms.kind.${kind}`), frameShop);
    return sendPage(reply, <Page frame={frame}><NoTermsInForce lang={request.lang} shop={shop.slug} kind={kind} versions={versions} /></Page>, 404);
  }
  const status = versionStatus(shown, current ? [current] : [], day);
  const frame = frameFor(request, reply, shown.title, frameShop);
  return sendPage(
    reply,
    <Page frame={frame}>
      <TermsVersionPage lang={request.lang} shop={shop.slug} version={shown} status={status} versions={versions} current={current && versions.find((v) => v.id === current.id)} />
    </Page>,
  );
}

/** The version of `kind` in force today in the shop's zone, as a page (also behind /legal/{kind}). */
export function sendCurrentTerms(app: FastifyInstance, request: FastifyRequest, reply: FastifyReply, shop: Shop, kind: TermsKind) {
  return pageOf(app, request, reply, shop, undefined, kind);
}

export const termsPages: FastifyPluginAsync = async (app) => {
  const db = app.deps.database.db;

  app.get<KindParams>('/shops/:shop/terms/:kind', async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    const { kind } = request.params;
    if (!isTermsKind(kind)) throw notFound();
    return sendCurrentTerms(app, request, reply, shop, kind);
  });

  app.get<VersionParams>('/shops/:shop/terms/:kind/:version', async (request, reply) => {
    const shop = await getShop(db, request.params.shop);
    const { kind, version: segment } = request.params;
    if (!isTermsKind(kind)) throw notFound();
    const format = /\.(pdf|txt)$/.exec(segment)?.[1];
    const version = await findTermsVersion(db, shop.slug, kind, format ? segment.slice(0, -4) : segment);
    if (format === 'pdf') {
      return reply
        .type('application/pdf')
        .header('content-disposition', `inline; filename="${shop.slug}-${kind}-${version.version}.pdf"`)
        .header('cache-control', 'public, max-age=3600')
        .send(await termsPdf(version, shop));
    }
    if (format === 'txt') {
      // The exact bytes the SHA-256 covers: `sha256sum` of this download equals the published hash.
      return reply.type('text/plain; charset=utf-8').header('x-content-sha256', version.sha256).header('cache-control', 'public, max-age=3600').send(version.body);
    }
    return pageOf(app, request, reply, shop, version, kind);
  });
};
