/** Every rule folio check evaluates, in report order: by clause, then folio's own. */
import type { Rule } from '../rule.ts';
import { rules as identification } from './5-identification.ts';
import { rules as technical } from './6-technical.ts';
import { rules as general } from './7.1-general.ts';
import { rules as text } from './7.2-text.ts';
import { rules as graphics } from './7.3-graphics.ts';
import { rules as headings } from './7.4-headings.ts';
import { rules as tables } from './7.5-tables.ts';
import { rules as math } from './7.7-math.ts';
import { rules as notes } from './7.9-notes.ts';
import { rules as optionalContent } from './7.10-optional-content.ts';
import { rules as embeddedFiles } from './7.11-embedded-files.ts';
import { rules as xfa } from './7.15-xfa.ts';
import { rules as security } from './7.16-security.ts';
import { rules as annotations } from './7.18-annotations.ts';
import { rules as xobjects } from './7.20-xobjects.ts';
import { rules as fonts } from './7.21-fonts.ts';
import { rules as navigation } from './folio-navigation.ts';

export const ALL_RULES: readonly Rule[] = [
  ...identification,
  ...technical,
  ...general,
  ...text,
  ...graphics,
  ...headings,
  ...tables,
  ...math,
  ...notes,
  ...optionalContent,
  ...embeddedFiles,
  ...xfa,
  ...security,
  ...annotations,
  ...xobjects,
  ...fonts,
  ...navigation,
];
