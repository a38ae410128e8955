/**
 * Back office: staff create and change products. The form speaks euros and percents; the same
 * validation as the API applies, and a refused form is shown again with every error.
 */
import type { FastifyPluginAsync, FastifyReply, FastifyRequest } from 'fastify';
import { requireAccess } from '../../accounts/actor.ts';
import { t } from '../../kernel/i18n/index.ts';
import { parseOrThrow } from '../../kernel/validation.ts';
import { getShop, type Shop } from '../../shops/service.ts';
import { frameFor, sendPage } from '../context.ts';
import { fieldErrors, flatForm } from '../form-errors.ts';
import { Page } from '../layout.tsx';
import { changeProduct, createProduct, ProductInput, ProductPatch } from '../../catalogue/manage.ts';
import { formToProductInput, productToForm, toFormFields } from '../../catalogue/product-form.ts';
import { getProductForStaff } from '../../catalogue/service.ts';
import { ProductForm } from './views/product-form.tsx';

type Params = { Params: { shop: string; id?: string } };

export const catalogueStaffPages: FastifyPluginAsync = async (app) => {
  const { db } = app.deps.database;

  async function staffShop(request: FastifyRequest<Params>): Promise<Shop> {
    const shop = await getShop(db, request.params.shop);
    requireAccess(request.actor, 'shop.manage', shop.slug);
    return shop;
  }

  function form(request: FastifyRequest<Params>, reply: FastifyReply, shop: Shop, values: Record<string, string>, errors: Record<string, string>, status = 200) {
    const editing = request.params.id !== undefined;
    const title = t(request.lang, editing ? 'product.edit' : 'product.new');
    const f = frameFor(request, reply, title, { slug: shop.slug, name: shop.name });
    const action = editing ? `/shops/${shop.slug}/staff/products/${request.params.id}` : `/shops/${shop.slug}/staff/products`;
    return sendPage(reply, <Page frame={f}><ProductForm lang={request.lang} title={title} action={action} csrf={f.csrfToken ?? ''} values={values} errors={errors} editing={editing} /></Page>, status);
  }

  app.get<Params>('/shops/:shop/staff/products/new', async (request, reply) => {
    const shop = await staffShop(request);
    return form(request, reply, shop, { vatRate: shop.legalSystem === 'BE' ? '21' : '20', stock: '0' }, {});
  });

  app.post<Params>('/shops/:shop/staff/products', { preValidation: app.csrfProtection }, async (request, reply) => {
    const shop = await staffShop(request);
    const values = flatForm(request.body);
    try {
      await createProduct(db, shop.slug, parseOrThrow(ProductInput, formToProductInput(values)));
      return reply.redirect(`/shops/${shop.slug}/staff?saved=1`, 303);
    } catch (error) {
      return form(request, reply, shop, values, toFormFields(fieldErrors(error, request.lang)), 422);
    }
  });

  app.get<Params>('/shops/:shop/staff/products/:id', async (request, reply) => {
    const shop = await staffShop(request);
    const product = await getProductForStaff(db, shop.slug, request.params.id ?? '');
    return form(request, reply, shop, productToForm(product), {});
  });

  app.post<Params>('/shops/:shop/staff/products/:id', { preValidation: app.csrfProtection }, async (request, reply) => {
    const shop = await staffShop(request);
    const values = flatForm(request.body);
    try {
      const patch = parseOrThrow(ProductPatch, { ...formToProductInput(values), active: values.active === 'on' });
      await changeProduct(db, shop.slug, request.params.id ?? '', patch);
      return reply.redirect(`/shops/${shop.slug}/staff?saved=1`, 303);
    } catch (error) {
      return form(request, reply, shop, values, toFormFields(fieldErrors(error, request.lang)), 422);
    }
  });
};
