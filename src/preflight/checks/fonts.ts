/** Fonts: a font the file does not carry is substituted by the printer's RIP, with other metrics. */
import { error, type Check } from '../check.ts';

export const fontsEmbedded: Check = {
  id: 'fonts',
  requires: 'Every font used for visible text is embedded (Type3 fonts carry their glyphs in the file).',
  *test(facts) {
    for (const f of facts.fonts) {
      if (f.embedded || !f.rendered) continue;
      yield error(`The font ${f.name} (${f.type}, /${f.resourceName}, first used on page ${f.page}) is not embedded: the printer would substitute another font.`, {
        page: f.page,
        ...(f.object ? { object: f.object } : {}),
      });
    }
  },
};
