import { describe, expect, it } from 'vitest';
import { check, failed } from '../helpers.ts';

describe('ISO 14289-1, 5: the PDF/UA identification schema', () => {
  it('5-1: no PDF/UA identification schema', async () => {
    const r = await check({ xmp: (x) => x.replace(/<rdf:Description[^>]*pdfuaid[\s\S]*?<\/rdf:Description>/, '') });
    expect(failed(r)).toEqual(['5-1']);
  });

  it('5-1 / 5-2: pdfuaid:part as an attribute is read; part 2 fails 5-2', async () => {
    const attr = (part: string) => (x: string) =>
      x.replace(/<rdf:Description rdf:about="" xmlns:pdfuaid[\s\S]*?<\/rdf:Description>/, `<rdf:Description rdf:about="" xmlns:pdfuaid="http://www.aiim.org/pdfua/ns/id/" pdfuaid:part="${part}"/>`);
    expect(failed(await check({ xmp: attr('1') }))).toEqual([]);
    expect(failed(await check({ xmp: attr('2') }))).toEqual(['5-2']);
  });
});
