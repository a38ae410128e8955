/**
 * The guard of every back-office page: the shop, once the caller is known to be its staff (or an
 * operator); a visitor who is not signed in is sent to the shop's staff login instead (null), and
 * anyone else is refused (403) by `requireAccess`.
 */
import type { FastifyReply, FastifyRequest } from 'fastify';
import type { Kysely } from 'kysely';
import { requireAccess } from '../accounts/actor.ts';
import type { DB } from '../db/schema.ts';
import { getShop, type Shop } from './service.ts';

export async function staffShop(db: Kysely<DB>, request: FastifyRequest<{ Params: { shop: string } }>, reply: FastifyReply): Promise<Shop | null> {
  const shop = await getShop(db, request.params.shop);
  if (request.actor.kind === 'anonymous') {
    await reply.redirect(`/shops/${shop.slug}/staff/login`, 303);
    return null;
  }
  requireAccess(request.actor, 'shop.manage', shop.slug);
  return shop;
}
