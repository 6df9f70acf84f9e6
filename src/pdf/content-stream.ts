/**
 * Just enough of a PDF content-stream reader to find operators and their operands (ISO 32000-1,
 * 7.8.2): strings, hex strings, names, arrays, dictionaries, inline images and comments are
 * skipped as operands. Positions index the Latin-1 text of the stream, so edits can be spliced
 * into the original bytes without re-serialising anything else.
 */
export interface Operation {
  op: string;
  /** Where the operation's first operand (or the operator, if none) starts. */
  start: number;
  /** Just past the operator. */
  end: number;
  /** The operands' source text (for BDC: the tag and its properties). */
  operands: string;
}

/** Character classes by code (ISO 32000-1, 7.2.2): 1 white space, 2 delimiter. */
const CLASS = new Uint8Array(256);
for (const c of [0x00, 0x09, 0x0a, 0x0c, 0x0d, 0x20]) CLASS[c] = 1;
for (const c of '()<>[]{}/%') CLASS[c.charCodeAt(0)] = 2;
/** Whether the code is white space or a delimiter: a token ends there. */
const ends = (code: number) => code < 256 && CLASS[code] !== 0;
const NUMBER = /^[+-]?(\d+\.?\d*|\.\d+)$/;

// Character codes, as the reader compares them (it runs over every byte of every page).
const PERCENT = 0x25;
const LPAREN = 0x28;
const LT = 0x3c;
const SLASH = 0x2f;

export function parseOperations(text: string): Operation[] {
  const ops: Operation[] = [];
  let i = 0;
  let opStart = -1;
  const n = text.length;

  while (i < n) {
    const c = text.charCodeAt(i);
    if (c < 256 && CLASS[c] === 1) {
      i++;
    } else if (c === PERCENT) {
      while (i < n && text[i] !== '\n' && text[i] !== '\r') i++;
    } else if (c === LPAREN) {
      if (opStart < 0) opStart = i;
      i = skipLiteralString(text, i);
    } else if (c === LT && text.charCodeAt(i + 1) === LT) {
      if (opStart < 0) opStart = i;
      i = skipDictionary(text, i);
    } else if (c === LT) {
      if (opStart < 0) opStart = i;
      i = text.indexOf('>', i) + 1 || n;
    } else if (c === 0x5b || c === 0x5d || c === 0x7b || c === 0x7d) {
      if (opStart < 0) opStart = i;
      i++;
    } else if (c === SLASH) {
      if (opStart < 0) opStart = i;
      i++;
      while (i < n && !ends(text.charCodeAt(i))) i++;
    } else {
      const s = i;
      while (i < n && !ends(text.charCodeAt(i))) i++;
      if (i === s) {
        i++; // a stray delimiter such as ')' or '>': skip it rather than loop
        continue;
      }
      // A number (digit, sign or point first), true, false or null is an operand.
      const first = text.charCodeAt(s);
      const numeric = (first >= 0x30 && first <= 0x39) || first === 0x2b || first === 0x2d || first === 0x2e;
      const word = text.slice(s, i);
      if ((numeric && NUMBER.test(word)) || word === 'true' || word === 'false' || word === 'null') {
        if (opStart < 0) opStart = s;
        continue;
      }
      const start = opStart < 0 ? s : opStart;
      if (word === 'BI') {
        // Inline image: key/value pairs, ID, one white-space byte, binary data, then EI.
        const id = findKeyword(text, 'ID', i);
        const ei = findInlineImageEnd(text, id + 3);
        i = ei + 2;
        ops.push({ op: 'BI', start, end: i, operands: '' });
      } else {
        ops.push({ op: word, start, end: i, operands: start < s ? text.slice(start, s).trim() : '' });
      }
      opStart = -1;
    }
  }
  return ops;
}

function skipLiteralString(text: string, i: number): number {
  let depth = 0;
  for (; i < text.length; i++) {
    const c = text[i];
    if (c === '\\') i++;
    else if (c === '(') depth++;
    else if (c === ')' && --depth === 0) return i + 1;
  }
  return text.length;
}

function skipDictionary(text: string, i: number): number {
  let depth = 0;
  while (i < text.length) {
    if (text.startsWith('<<', i)) {
      depth++;
      i += 2;
    } else if (text.startsWith('>>', i)) {
      depth--;
      i += 2;
      if (depth === 0) return i;
    } else if (text[i] === '(') {
      i = skipLiteralString(text, i);
    } else {
      i++;
    }
  }
  return i;
}

function findKeyword(text: string, word: string, from: number): number {
  const re = new RegExp(`(^|[\\s])${word}(?=[\\s])`, 'g');
  re.lastIndex = from;
  const m = re.exec(text);
  return m ? m.index + m[1]!.length : text.length;
}

function findInlineImageEnd(text: string, from: number): number {
  const re = /[\s]EI(?=[\s]|$)/g;
  re.lastIndex = from;
  const m = re.exec(text);
  return m ? m.index + 1 : text.length;
}

export interface Span {
  start: number;
  end: number;
}

/** The strings among a content operator's operands, as byte strings (one char per byte). */
export function stringOperands(operands: string): string[] {
  const out: string[] = [];
  let i = 0;
  const n = operands.length;
  while (i < n) {
    const c = operands[i];
    if (c === '(') {
      let depth = 1;
      let s = '';
      i++;
      while (i < n && depth > 0) {
        const ch = operands[i]!;
        if (ch === '\\') {
          const nx = operands[i + 1] ?? '';
          const esc: Record<string, string> = { n: '\n', r: '\r', t: '\t', b: '\b', f: '\f', '(': '(', ')': ')', '\\': '\\' };
          if (nx in esc) {
            s += esc[nx];
            i += 2;
          } else if (/[0-7]/.test(nx)) {
            const m = /^[0-7]{1,3}/.exec(operands.slice(i + 1, i + 4))![0];
            s += String.fromCharCode(parseInt(m, 8) & 0xff);
            i += 1 + m.length;
          } else if (nx === '\r' || nx === '\n') {
            i += nx === '\r' && operands[i + 2] === '\n' ? 3 : 2;
          } else {
            s += nx;
            i += 2;
          }
          continue;
        }
        if (ch === '(') depth++;
        else if (ch === ')' && --depth === 0) {
          i++;
          break;
        }
        s += ch;
        i++;
      }
      out.push(s);
    } else if (c === '<' && operands[i + 1] !== '<') {
      const end = operands.indexOf('>', i);
      let hex = operands.slice(i + 1, end < 0 ? n : end).replace(/[^0-9A-Fa-f]/g, '');
      if (hex.length % 2) hex += '0';
      let s = '';
      for (let j = 0; j < hex.length; j += 2) s += String.fromCharCode(parseInt(hex.slice(j, j + 2), 16));
      out.push(s);
      i = end < 0 ? n : end + 1;
    } else {
      i++;
    }
  }
  return out;
}

/** The numbers among an operator's operands, in order. */
export function numbers(operands: string): number[] {
  const out: number[] = [];
  for (const t of operands.split(/[\s[\]]+/)) {
    if (t === '' || t.startsWith('/')) continue;
    const v = Number(t);
    if (Number.isFinite(v)) out.push(v);
  }
  return out;
}

/** The strings and numbers of a TJ operand, in order. */
export function textPieces(operands: string): (string | number)[] {
  const pieces: (string | number)[] = [];
  const re = /\((?:\\[\s\S]|[^\\)])*\)|<[0-9A-Fa-f\s]*>|[+-]?(?:\d+\.?\d*|\.\d+)/g;
  for (const m of operands.matchAll(re)) pieces.push(/^[(<]/.test(m[0]) ? stringOperands(m[0])[0]! : Number(m[0]));
  return pieces;
}

/** A text string operand (literal or hex; UTF-16BE with BOM or PDFDocEncoding) as a JS string. */
export function textString(operand: string): string {
  return utf16OrBytes(stringOperands(operand)[0] ?? '');
}

/** A text string's bytes (one char per byte) as text: UTF-16BE after a BOM, else the bytes as they are. */
export function utf16OrBytes(bytes: string): string {
  if (!bytes.startsWith('\xfe\xff')) return bytes;
  let s = '';
  for (let i = 2; i + 1 < bytes.length; i += 2) s += String.fromCharCode(bytes.charCodeAt(i) * 256 + bytes.charCodeAt(i + 1));
  return s;
}

export interface Edit {
  start: number;
  end: number;
  /** What replaces source[start, end). */
  text: string;
}

/** Applies non-overlapping edits to a content text (in any order). */
export function applyEdits(source: string, edits: Edit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  let out = '';
  let at = 0;
  for (const e of sorted) {
    out += source.slice(at, e.start) + e.text;
    at = Math.max(at, e.end);
  }
  return out + source.slice(at);
}
