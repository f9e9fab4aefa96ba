// Canonical JSON as SETTLEMENT.md and valuation's CanonicalJson define it: RFC 8785 for the
// value types AIRM uses (keys sorted by UTF-16 code units, no white space, integers only, written
// in plain decimal; strings with the minimal escapes, other characters as they are).
//
// JSON.parse would round an integer above 2^53 to a double, so documents are read with a small
// parser of our own that keeps such integers exact (as BigInt); every other integer is a Number.

const UTF8 = new TextDecoder('utf-8', { fatal: true });
const ENCODER = new TextEncoder();

/** Decodes UTF-8 bytes, throwing on malformed UTF-8. */
export function utf8(bytes) {
  return UTF8.decode(bytes);
}

/** Parses JSON text; integers beyond 2^53 become BigInt, numbers with a fraction or exponent are refused. */
export function parseJson(text) {
  const p = new Parser(text);
  p.ws();
  const value = p.value('$');
  p.ws();
  if (p.i !== text.length) {
    p.fail('trailing characters after the document');
  }
  return value;
}

/** The canonical text of a value read by parseJson. */
export function canonicalize(value) {
  const out = [];
  write(value, out, '$');
  return out.join('');
}

/** The canonical UTF-8 bytes of a value. */
export function canonicalBytes(value) {
  return ENCODER.encode(canonicalize(value));
}

/**
 * Reads a document that must be stored in canonical form: returns its value, and whether its bytes
 * are exactly the canonical bytes of that value (the digests are of those bytes).
 */
export function readCanonical(bytes) {
  const text = utf8(bytes);
  const value = parseJson(text);
  const canonical = canonicalize(value);
  return { value, canonical: canonical === text };
}

function write(value, out, path) {
  if (value === null) {
    out.push('null');
  } else if (typeof value === 'boolean') {
    out.push(value ? 'true' : 'false');
  } else if (typeof value === 'bigint') {
    out.push(value.toString());
  } else if (typeof value === 'number') {
    if (!Number.isInteger(value)) {
      throw new Error(`canonical JSON holds integers only; ${path} is ${value}`);
    }
    out.push(Number.isSafeInteger(value) ? String(value) : BigInt(value).toString());
  } else if (typeof value === 'string') {
    out.push(quote(value));
  } else if (Array.isArray(value)) {
    out.push('[');
    for (let i = 0; i < value.length; i++) {
      if (i > 0) out.push(',');
      write(value[i], out, `${path}[${i}]`);
    }
    out.push(']');
  } else if (typeof value === 'object') {
    // Array.prototype.sort compares strings by UTF-16 code units, as RFC 8785 asks.
    const names = Object.keys(value).sort();
    out.push('{');
    for (let i = 0; i < names.length; i++) {
      if (i > 0) out.push(',');
      out.push(quote(names[i]), ':');
      write(value[names[i]], out, `${path}.${names[i]}`);
    }
    out.push('}');
  } else {
    throw new Error(`cannot write ${typeof value} at ${path} as JSON`);
  }
}

const ESCAPES = { '"': '\\"', '\\': '\\\\', '\b': '\\b', '\f': '\\f', '\n': '\\n', '\r': '\\r', '\t': '\\t' };

// eslint-disable-next-line no-control-regex
const NEEDS_ESCAPE = /["\\\u0000-\u001f]/;
// eslint-disable-next-line no-control-regex
const ESCAPED = /["\\\u0000-\u001f]/g;

function quote(s) {
  if (!NEEDS_ESCAPE.test(s)) {
    return `"${s}"`;
  }
  return `"${s.replace(ESCAPED, (c) => ESCAPES[c] ?? `\\u${c.charCodeAt(0).toString(16).padStart(4, '0')}`)}"`;
}

class Parser {
  constructor(text) {
    this.s = text;
    this.i = 0;
  }

  fail(why) {
    throw new Error(`not JSON at character ${this.i}: ${why}`);
  }

  ws() {
    const s = this.s;
    let i = this.i;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === 0x20 || c === 0x0a || c === 0x0d || c === 0x09) i++;
      else break;
    }
    this.i = i;
  }

  value(path) {
    const c = this.s[this.i];
    if (c === '{') return this.object(path);
    if (c === '[') return this.array(path);
    if (c === '"') return this.string();
    if (c === 't') return this.literal('true', true);
    if (c === 'f') return this.literal('false', false);
    if (c === 'n') return this.literal('null', null);
    if (c === '-' || (c >= '0' && c <= '9')) return this.number(path);
    return this.fail(c === undefined ? 'unexpected end' : `unexpected ${JSON.stringify(c)}`);
  }

  literal(word, value) {
    if (this.s.startsWith(word, this.i)) {
      this.i += word.length;
      return value;
    }
    return this.fail(`expected ${word}`);
  }

  object(path) {
    this.i++;
    const obj = {};
    this.ws();
    if (this.s[this.i] === '}') {
      this.i++;
      return obj;
    }
    for (;;) {
      this.ws();
      if (this.s[this.i] !== '"') this.fail('expected a member name');
      const name = this.string();
      this.ws();
      if (this.s[this.i] !== ':') this.fail('expected :');
      this.i++;
      this.ws();
      // defineProperty, so that a member named __proto__ is an ordinary member.
      Object.defineProperty(obj, name, { value: this.value(`${path}.${name}`), enumerable: true, writable: true, configurable: true });
      this.ws();
      const c = this.s[this.i++];
      if (c === '}') return obj;
      if (c !== ',') this.fail('expected , or }');
    }
  }

  array(path) {
    this.i++;
    const arr = [];
    this.ws();
    if (this.s[this.i] === ']') {
      this.i++;
      return arr;
    }
    for (;;) {
      this.ws();
      arr.push(this.value(`${path}[${arr.length}]`));
      this.ws();
      const c = this.s[this.i++];
      if (c === ']') return arr;
      if (c !== ',') this.fail('expected , or ]');
    }
  }

  string() {
    const s = this.s;
    const start = ++this.i;
    // Fast path: no escapes before the closing quote.
    let i = start;
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === 0x22) {
        this.i = i + 1;
        return s.slice(start, i);
      }
      if (c === 0x5c) break;
      if (c < 0x20 || Number.isNaN(c)) {
        this.i = i;
        this.fail('a control character or the end inside a string');
      }
      i++;
    }
    let out = s.slice(start, i);
    for (;;) {
      const c = s.charCodeAt(i);
      if (c === 0x22) {
        this.i = i + 1;
        return out;
      }
      if (c < 0x20 || Number.isNaN(c)) {
        this.i = i;
        this.fail('a control character or the end inside a string');
      }
      if (c === 0x5c) {
        const e = s[i + 1];
        if (e === 'u') {
          const hex = s.slice(i + 2, i + 6);
          if (!/^[0-9a-fA-F]{4}$/.test(hex)) {
            this.i = i;
            this.fail('a bad \\u escape');
          }
          out += String.fromCharCode(parseInt(hex, 16));
          i += 6;
        } else {
          const map = { '"': '"', '\\': '\\', '/': '/', b: '\b', f: '\f', n: '\n', r: '\r', t: '\t' };
          if (!(e in map)) {
            this.i = i;
            this.fail(`a bad escape \\${e}`);
          }
          out += map[e];
          i += 2;
        }
      } else {
        out += s[i];
        i++;
      }
    }
  }

  number(path) {
    const m = /-?(0|[1-9][0-9]*)(\.[0-9]+)?([eE][+-]?[0-9]+)?/y;
    m.lastIndex = this.i;
    const found = m.exec(this.s);
    if (!found) this.fail('a malformed number');
    this.i = m.lastIndex;
    if (found[2] !== undefined || found[3] !== undefined) {
      throw new Error(`canonical JSON holds integers only; ${path} is ${found[0]}`);
    }
    const n = Number(found[0]);
    return Number.isSafeInteger(n) ? n : BigInt(found[0]);
  }
}
