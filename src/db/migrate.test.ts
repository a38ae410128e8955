import assert from 'node:assert/strict';
import { test } from 'node:test';
import { sql } from 'kysely';
import { Migrator } from 'kysely';
import { openPglite } from './connect.ts';
import { migrateToLatest } from './migrate.ts';

test('should migrate up once, refuse a negative stock or a product of an unknown shop, and migrate down cleanly', async () => {
  const { db, close } = await openPglite(undefined);
  try {
    assert.deepEqual(await migrateToLatest(db), ['0001_foundation', '0002_checkout', '0003_payment_reference', '0004_bank_statements', '0005_payment_lifecycle', '0006_idempotency_resolution', '0007_evidence_integrity', '0008_sign_in_throttle', '0009_catalogue_search', '0010_outbox_references', '0011_shop_keys', '0012_withdrawals', '0013_warranty_claims', '0014_complaints_and_letters', '0015_withdrawal_depreciation', '0016_order_lifecycle', '0017_delivery_slots', '0018_campaigns', '0019_volunteer_rounds', '0020_credit_notes', '0021_late_delivery', '0022_special_orders', '0023_guest_orders', '0024_service_products', '0025_order_serial_sequences', '0026_invoice_requests', '0027_take_stock', '0028_order_path_writes']);
    assert.deepEqual(await migrateToLatest(db), [], 'a second run changes nothing');
    await db.insertInto('shops').values({ id: 'shop-a', name: 'A', legal_system: 'FR', time_zone: 'Europe/Paris', language: 'fr', profile: '{}', profile_sha256: 'x', updated_at: new Date() }).execute();
    const product = { shop_id: 'shop-a', sku: 'S', name: '{"fr":"n"}', description: '{"fr":""}', unit_price_cents: 100, vat_rate_bp: 2000, withdrawable: true, withdrawal_exception: null, regulated: false, max_per_order: null };
    await assert.rejects(db.insertInto('products').values({ ...product, stock: -1 }).execute(), /check/i);
    await assert.rejects(db.insertInto('products').values({ ...product, shop_id: 'shop-b', stock: 1 }).execute(), /foreign key/i);
    const tables = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_schema = 'public'`.execute(db);
    assert.ok((tables.rows[0]?.n ?? 0) >= 12);
    await db.deleteFrom('shops').execute();
    const migrations = {
      '0001_foundation': await import('./migrations/0001_foundation.ts'),
      '0002_checkout': await import('./migrations/0002_checkout.ts'),
      '0003_payment_reference': await import('./migrations/0003_payment_reference.ts'),
      '0004_bank_statements': await import('./migrations/0004_bank_statements.ts'),
      '0005_payment_lifecycle': await import('./migrations/0005_payment_lifecycle.ts'),
      '0006_idempotency_resolution': await import('./migrations/0006_idempotency_resolution.ts'),
      '0007_evidence_integrity': await import('./migrations/0007_evidence_integrity.ts'),
      '0008_sign_in_throttle': await import('./migrations/0008_sign_in_throttle.ts'),
      '0009_catalogue_search': await import('./migrations/0009_catalogue_search.ts'),
      '0010_outbox_references': await import('./migrations/0010_outbox_references.ts'),
      '0011_shop_keys': await import('./migrations/0011_shop_keys.ts'),
      '0012_withdrawals': await import('./migrations/0012_withdrawals.ts'),
      '0013_warranty_claims': await import('./migrations/0013_warranty_claims.ts'),
      '0014_complaints_and_letters': await import('./migrations/0014_complaints_and_letters.ts'),
      '0015_withdrawal_depreciation': await import('./migrations/0015_withdrawal_depreciation.ts'),
      '0016_order_lifecycle': await import('./migrations/0016_order_lifecycle.ts'),
      '0017_delivery_slots': await import('./migrations/0017_delivery_slots.ts'),
      '0018_campaigns': await import('./migrations/0018_campaigns.ts'),
      '0019_volunteer_rounds': await import('./migrations/0019_volunteer_rounds.ts'),
      '0020_credit_notes': await import('./migrations/0020_credit_notes.ts'),
      '0021_late_delivery': await import('./migrations/0021_late_delivery.ts'),
      '0022_special_orders': await import('./migrations/0022_special_orders.ts'),
      '0023_guest_orders': await import('./migrations/0023_guest_orders.ts'),
      '0024_service_products': await import('./migrations/0024_service_products.ts'),
      '0025_order_serial_sequences': await import('./migrations/0025_order_serial_sequences.ts'),
      '0026_invoice_requests': await import('./migrations/0026_invoice_requests.ts'),
      '0027_take_stock': await import('./migrations/0027_take_stock.ts'),
      '0028_order_path_writes': await import('./migrations/0028_order_path_writes.ts'),
    };
    const migrator = new Migrator({ db, provider: { getMigrations: async () => migrations }, migrationTableName: 'comptoir_migrations', migrationLockTableName: 'comptoir_migrations_lock' });
    for (let i = 0; i < Object.keys(migrations).length; i++) assert.equal((await migrator.migrateDown()).error, undefined);
    const left = await sql<{ n: number }>`select count(*)::int as n from information_schema.tables where table_schema = 'public' and table_name not like 'comptoir_migrations%'`.execute(db);
    assert.equal(left.rows[0]?.n, 0);
  } finally {
    await close();
  }
});
