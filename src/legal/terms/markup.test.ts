import assert from 'node:assert/strict';
import { test } from 'node:test';
import { guaranteeBoxMarkup, guaranteeInformationBox } from './guarantee-box.ts';
import { parseMarkup } from './markup.ts';

test('should read `| ` lines as one box, `|` separating its paragraphs, between ordinary blocks', () => {
  const blocks = parseMarkup('Avant.\n\n### Encadré\n\n| Un\n| suite.\n|\n| Deux.\n\nAprès.\n- item\n');
  assert.deepEqual(blocks, [
    { type: 'paragraph', text: 'Avant.' },
    { type: 'heading', level: 3, text: 'Encadré' },
    { type: 'box', paragraphs: ['Un suite.', 'Deux.'] },
    { type: 'paragraph', text: 'Après.' },
    { type: 'list', items: ['item'] },
  ]);
});

test('should give back every paragraph of the D.211-2 box word for word through the markup', () => {
  const box = guaranteeInformationBox('FR', 'fr');
  const [heading, boxed] = parseMarkup(guaranteeBoxMarkup(box));
  assert.deepEqual(heading, { type: 'heading', level: 3, text: box.title });
  assert.deepEqual(boxed, { type: 'box', paragraphs: [...box.paragraphs] });
});
