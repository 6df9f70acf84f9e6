/** Colour: a print file's colour is CMYK, gray or spot; RGB left in it is converted by the RIP, unpredictably. */
import { error, imageName, objectOf, type Check } from '../check.ts';

export const noRgb: Check = {
  id: 'colour',
  requires: 'Nothing is painted in RGB or RGB-like colour (DeviceRGB, CalRGB, ICCBased N=3, Lab, or spot colours and indexed images over them).',
  *test(facts) {
    for (const u of facts.rgb) {
      const what = u.image ? `${imageName(u.image)} is ${u.label}` : `${u.label} is used for ${[...u.uses].join(', ')}${u.count > 1 ? ` (${u.count} times)` : ''} in ${u.object}`;
      yield error(`RGB left in a print file on page ${u.page}: ${what}${u.why ? ` (${u.why})` : ''}. Convert it to CMYK or a spot colour for print.`, {
        page: u.page,
        object: objectOf(u.object),
      });
    }
  },
};
