/** Image resolution: pixels per inch as printed, through every matrix that places the image. */
import { error, fmt, imageName, objectOf, warning, type Check } from '../check.ts';

export const imageResolution: Check = {
  id: 'image-resolution',
  requires: 'Every image is printed at minPpi (default 300 ppi) or more; below half of it is an error.',
  *test(facts, o) {
    for (const im of facts.images) {
      if (im.ppi >= o.minPpi - 1e-6) continue;
      const severe = im.ppi < o.minPpi / 2;
      const coarse = severe ? ` (and below ${fmt(o.minPpi / 2)}: it will look visibly coarse)` : '';
      const message = `${imageName(im.object)} (${im.width}×${im.height} px, ${im.label}) is printed at ${Math.floor(im.ppi)} ppi on page ${im.page}, below ${fmt(o.minPpi)} ppi${coarse}.`;
      yield (severe ? error : warning)(message, { page: im.page, object: objectOf(im.object) });
    }
  },
};
