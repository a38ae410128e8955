/**
 * What one pre-filled model withdrawal form costs to render (issue 9: rendered per confirmation
 * e-mail at send time), for a Belgian shop (coopso: French, Dutch and English pages) and a French
 * one (coopconnexion: French and English), ms per form over RUNS forms, after a warm-up.
 *   npx tsx bench/model-form-pdf.ts
 * With COMPARE=<path of another renderModelFormPdf module> (e.g. a copy of an older version), both
 * are timed in the same run, alternately, so a shared machine's load weighs on both alike.
 */
import { getShop } from '../src/shops/service.ts';
import { type ModelFormFacts, renderModelFormPdf } from '../src/web/aftersale/model-form-pdf.ts';
import { startPlatform } from '../test/support/platform.ts';

const RUNS = Number(process.env.RUNS ?? 500);
type Render = (f: ModelFormFacts) => Promise<Buffer>;

async function facts(): Promise<ModelFormFacts[]> {
  const p = await startPlatform();
  const shops = await Promise.all(['coopso', 'coopconnexion'].map((slug) => getShop(p.database.db, slug)));
  await p.stop();
  return shops.map((shop, i) => ({
    shop,
    order: { id: `bench-${i}`, number: `2026-00${4217 + i}`, placedAt: new Date('2026-06-25T08:00:00Z') },
    customer: { name: 'Léa Vandenbroucke-Martin, Atelier Œillet', address: { line1: 'rue de l’Étuve 12', postalCode: '1000', city: 'Bruxelles', country: 'BE' } },
  }));
}

/** Mean ms per form of `render` over RUNS forms of `f`. */
async function timed(render: Render, f: ModelFormFacts): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < RUNS; i++) await render(f);
  return (performance.now() - started) / RUNS;
}

async function main() {
  const forms = await facts();
  const renders: [string, Render][] = [['this tree', renderModelFormPdf]];
  if (process.env.COMPARE) renders.unshift(['COMPARE', ((await import(process.env.COMPARE)) as { renderModelFormPdf: Render }).renderModelFormPdf]);
  for (const [, render] of renders) for (const f of forms) await timed(render, f); // warm-up: JIT, pdfkit loaded
  for (const f of forms) {
    const ms = [];
    for (const [, render] of renders) ms.push(await timed(render, f));
    for (const [i, [name]] of renders.entries()) console.log(`${f.shop.slug.padEnd(14)} ${name.padEnd(10)} ${ms[i]?.toFixed(3)} ms per form (${RUNS} forms)`);
  }
}

await main();
process.exit(0);
