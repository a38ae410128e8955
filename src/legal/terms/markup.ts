/**
 * The tiny markup of terms texts, read the same way by the HTML page and the PDF:
 * - `## Heading` and `### Sub-heading` on a line of their own;
 * - `- item` lines form a list;
 * - `| text` lines form a box (the legal-guarantee "encadré" of D.211-2), a lone `|` separating
 *   its paragraphs;
 * - other lines are paragraph text; a blank line ends a paragraph.
 * No inline formatting and no HTML: a body is plain text a person can read as it is stored, and
 * whose SHA-256 anyone can recompute from the `.txt` download.
 */

export type Block =
  | { type: 'heading'; level: 2 | 3; text: string }
  | { type: 'paragraph'; text: string }
  | { type: 'list'; items: string[] }
  | { type: 'box'; paragraphs: string[] };

export function parseMarkup(body: string): Block[] {
  const blocks: Block[] = [];
  let paragraph: string[] = [];
  let list: string[] | null = null;
  let box: string[][] | null = null;
  const flush = () => {
    if (paragraph.length) blocks.push({ type: 'paragraph', text: paragraph.join(' ') });
    if (list) blocks.push({ type: 'list', items: list });
    if (box) blocks.push({ type: 'box', paragraphs: box.filter((p) => p.length > 0).map((p) => p.join(' ')) });
    paragraph = [];
    list = null;
    box = null;
  };
  for (const raw of body.split(/\r?\n/)) {
    const line = raw.trim();
    const heading = /^(#{2,3}) +(.+)$/.exec(line);
    if (line === '|' || line.startsWith('| ')) {
      if (!box) flush();
      box ??= [[]];
      if (line === '|') box.push([]);
      else box[box.length - 1]?.push(line.slice(2).trim());
    } else if (line === '') {
      flush();
    } else if (heading) {
      flush();
      blocks.push({ type: 'heading', level: heading[1] === '##' ? 2 : 3, text: (heading[2] ?? '').trim() });
    } else if (line.startsWith('- ')) {
      if (paragraph.length || box) flush();
      list ??= [];
      list.push(line.slice(2).trim());
    } else if (list && raw.startsWith('  ')) {
      // An indented line continues the previous list item.
      list[list.length - 1] += ` ${line}`;
    } else {
      if (list || box) flush();
      paragraph.push(line);
    }
  }
  flush();
  return blocks;
}
