/**
 * A titled section of a generated document, and how sections become its body. A leaf: every
 * document's text (cgv, cgu, privacy, cookies) composes its sections here, so none imports
 * another document's file to borrow the numbering.
 */

/** A titled section, or null when the profile gives the shop nothing to say on the matter. */
export type Section = { title: string; body: string } | null;

/** Numbers the sections: "## Article 1 – …". */
export function compose(sections: readonly Section[]): string {
  return sections
    .filter((s): s is NonNullable<Section> => s !== null && s.body.length > 0)
    .map((s, i) => `## Article ${i + 1} – ${s.title}\n\n${s.body}`)
    .join('\n\n')
    .concat('\n');
}
