/**
 * Every preflight check, in report order: issues are sorted by check id (in the order the ids
 * first appear here), then by page; checks that share an id report in this order on a page.
 */
import type { Check } from '../check.ts';
import { bleed } from './bleed.ts';
import { boxes } from './boxes.ts';
import { noRgb } from './colour.ts';
import { fontsEmbedded } from './fonts.ts';
import { hairlines } from './hairlines.ts';
import { inkInImages, inkInPaint } from './ink.ts';
import { pdfxClaimed, pdfxDeviceColour, pdfxMetadata, pdfxOneFinishedBox, pdfxOutputIntent, pdfxTrapped, pdfxVersion } from './pdfx.ts';
import { imageResolution } from './resolution.ts';
import { pdfxNoTransparency } from './transparency.ts';

export const ALL_CHECKS: readonly Check[] = [
  pdfxClaimed,
  pdfxOutputIntent,
  pdfxTrapped,
  pdfxMetadata,
  pdfxOneFinishedBox,
  pdfxVersion,
  pdfxNoTransparency,
  pdfxDeviceColour,
  boxes,
  bleed,
  fontsEmbedded,
  noRgb,
  imageResolution,
  inkInPaint,
  inkInImages,
  hairlines,
];
