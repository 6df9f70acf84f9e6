import { describe, expect, it } from 'vitest';
import { applyChangesScript, textChanges, textCounts, type TextChange } from '../../../src/browser/text-changes.ts';

const page = (numbers: string[], extra = '') =>
  `<!doctype html><html><head><style>a::after { content: "00"; }</style></head><body><nav><ol>${numbers
    .map((n, i) => `<li><a href="#h${i}">Heading &amp; ${i}</a><span>${n}</span></li>`)
    .join('')}</ol></nav>${extra}<h2 id="h0">00</h2></body></html>`;

describe('textChanges', () => {
  it('finds the texts that changed, each with its place among the texts like it', () => {
    expect(textChanges(page(['00', '00', '00']), page(['3', '00', '12']))).toEqual([
      { from: '00', to: '3', nth: 0 },
      { from: '00', to: '12', nth: 2 },
    ]);
  });

  it('has nothing to change for the same HTML', () => {
    expect(textChanges(page(['1']), page(['1']))).toEqual([]);
  });

  it('gives up when the markup changed (a tag, an attribute, a comment)', () => {
    expect(textChanges(page(['1']), page(['1'], '<p>more</p>'))).toBeUndefined();
    expect(textChanges(page(['1']), page(['1']).replace('href="#h0"', 'href="#h9"'))).toBeUndefined();
    expect(textChanges(`${page(['1'])}<!-- a -->`, `${page(['1'])}<!-- b -->`)).toBeUndefined();
  });

  it('gives up for texts the page cannot be found by: empty before or after, or with a carriage return', () => {
    expect(textChanges('<p></p>', '<p>1</p>')).toBeUndefined();
    expect(textChanges('<p>1</p>', '<p></p>')).toBeUndefined();
    expect(textChanges('<p>1\r\n</p>', '<p>2\r\n</p>')).toBeUndefined();
  });

  it('compares texts as the DOM holds them: entities decoded, but not inside <style> or <script>', () => {
    expect(textChanges('<p>a &amp; 1</p>', '<p>a &amp; 2</p>')).toEqual([{ from: 'a & 1', to: 'a & 2', nth: 0 }]);
    expect(textChanges('<style>p::after{content:"&amp;1"}</style>', '<style>p::after{content:"&amp;2"}</style>')).toEqual([
      { from: 'p::after{content:"&amp;1"}', to: 'p::after{content:"&amp;2"}', nth: 0 },
    ]);
  });
});

/** A stand-in document: its text nodes in order, as a TreeWalker over SHOW_TEXT gives them. */
function fakeDocument(texts: string[]) {
  const nodes = texts.map((data) => ({ data }));
  return {
    nodes,
    doc: {
      createTreeWalker: () => {
        let i = 0;
        return { nextNode: () => nodes[i++] ?? null };
      },
    },
  };
}
const apply = (script: string, doc: unknown) => new Function('document', 'NodeFilter', `return ${script}`)(doc, { SHOW_TEXT: 4 }) as boolean;

describe('applyChangesScript', () => {
  const before = page(['00', '00']);
  const after = page(['00', '7']);
  const changes = textChanges(before, after)! as TextChange[];

  it('changes the nth text node of that text, and only it', () => {
    // The style's text, the two link texts, the two numbers, the heading.
    const { doc, nodes } = fakeDocument(['a::after { content: "00"; }', 'Heading & 0', '00', 'Heading & 1', '00', '00']);
    expect(apply(applyChangesScript(changes, textCounts(before, changes)), doc)).toBe(true);
    expect(nodes.map((n) => n.data)).toEqual(['a::after { content: "00"; }', 'Heading & 0', '00', 'Heading & 1', '7', '00']);
  });

  it('changes nothing when the page holds another number of such texts than the HTML (the parser moved or hid one)', () => {
    const { doc, nodes } = fakeDocument(['Heading & 0', '00', 'Heading & 1', '00']);
    expect(apply(applyChangesScript(changes, textCounts(before, changes)), doc)).toBe(false);
    expect(nodes.map((n) => n.data)).toEqual(['Heading & 0', '00', 'Heading & 1', '00']);
  });
});
