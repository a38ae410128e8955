import assert from 'node:assert/strict';
import { after, before, test } from 'node:test';
import { enqueueEmail } from '../../src/notifications/outbox.ts';
import { startPlatform, type TestPlatform } from '../support/platform.ts';
import { startSmtp } from '../support/smtp.ts';

let p: TestPlatform;
let smtp: Awaited<ReturnType<typeof startSmtp>>;
let received: string[];

before(async () => {
  smtp = await startSmtp();
  received = smtp.messages;
  p = await startPlatform({ SMTP_URL: smtp.url });
});
after(async () => {
  await p.stop();
  await smtp.close();
});

test('should deliver an attachment over SMTP exactly as stored, and a plain e-mail as before', async () => {
  const pdf = Buffer.from('%PDF-1.3\n% test attachment\n');
  const now = new Date();
  await enqueueEmail(
    p.database.db,
    { shopId: 'bible-et-jeux', to: 'client@example.fr', subject: 'Avec pièce jointe', text: 'Voir le PDF.', attachments: [{ filename: 'cgv-2026-01-01.pdf', contentType: 'application/pdf', contentBase64: pdf.toString('base64') }] },
    now,
  );
  await enqueueEmail(p.database.db, { shopId: 'bible-et-jeux', to: 'autre@example.fr', subject: 'Sans pièce jointe', text: 'Rien.' }, now);
  await p.runDueJobs();
  assert.equal(received.length, 2);
  const withFile = received.find((m) => m.includes('client@example.fr')) ?? '';
  assert.match(withFile, /Content-Type: application\/pdf; name=cgv-2026-01-01\.pdf/);
  assert.match(withFile, /filename=cgv-2026-01-01\.pdf/);
  assert.ok(withFile.replace(/\r?\n/g, '').includes(pdf.toString('base64')));
  const plain = received.find((m) => m.includes('autre@example.fr')) ?? '';
  assert.doesNotMatch(plain, /Content-Disposition: attachment/);
  const rows = await p.database.db.selectFrom('outbox').select(['status', 'attachments', 'to_address']).where('shop_id', '=', 'bible-et-jeux').orderBy('to_address').execute();
  assert.deepEqual(rows.map((r) => [r.to_address, r.status, r.attachments.length]), [['autre@example.fr', 'sent', 0], ['client@example.fr', 'sent', 1]]);
});
