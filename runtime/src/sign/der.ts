/**
 * The few DER (X.690) encodings a CMS SignedData needs, written and read directly: tag, length, content.
 * Small on purpose — a general ASN.1 library would turn every value into objects and binary strings.
 */

function length(size: number): Uint8Array {
  if (size < 0x80) return Uint8Array.of(size);
  const bytes: number[] = [];
  for (let rest = size; rest > 0; rest = Math.floor(rest / 256)) bytes.unshift(rest % 256);
  return Uint8Array.of(0x80 | bytes.length, ...bytes);
}

/** One element: its tag byte and its content (the concatenation of `parts`). */
export function der(tag: number, ...parts: Uint8Array[]): Uint8Array {
  const size = parts.reduce((sum, part) => sum + part.length, 0);
  const header = length(size);
  const out = new Uint8Array(1 + header.length + size);
  out[0] = tag;
  out.set(header, 1);
  let at = 1 + header.length;
  for (const part of parts) {
    out.set(part, at);
    at += part.length;
  }
  return out;
}

export const sequence = (...parts: Uint8Array[]) => der(0x30, ...parts);
export const set = (...parts: Uint8Array[]) => der(0x31, ...parts);
export const octetString = (bytes: Uint8Array) => der(0x04, bytes);
export const nullValue = () => Uint8Array.of(0x05, 0x00);
export const integer = (value: number) => der(0x02, Uint8Array.of(value));

const oids = new Map<string, Uint8Array>();

/** An OBJECT IDENTIFIER from its dotted form (encoded once per identifier). */
export function oid(dotted: string): Uint8Array {
  let encoded = oids.get(dotted);
  if (!encoded) {
    encoded = encodeOid(dotted);
    oids.set(dotted, encoded);
  }
  return encoded;
}

function encodeOid(dotted: string): Uint8Array {
  const [first = 0, second = 0, ...rest] = dotted.split(".").map(Number);
  const bytes = [first * 40 + second];
  for (const arc of rest) {
    const groups: number[] = [];
    for (let value = arc; ; value = Math.floor(value / 128)) {
      groups.unshift((value % 128) | (groups.length > 0 ? 0x80 : 0));
      if (value < 128) break;
    }
    bytes.push(...groups);
  }
  return der(0x06, Uint8Array.from(bytes));
}

const ascii = new TextEncoder();

/** A UTCTime (YYMMDDHHMMSSZ) for 1950–2049, as CMS's signingTime requires in that range, else GeneralizedTime. */
export function time(date: Date): Uint8Array {
  const iso = date.toISOString();
  const digits = `${iso.slice(0, 4)}${iso.slice(5, 7)}${iso.slice(8, 10)}${iso.slice(11, 13)}${iso.slice(14, 16)}${iso.slice(17, 19)}Z`;
  const year = date.getUTCFullYear();
  return year >= 1950 && year < 2050 ? der(0x17, ascii.encode(digits.slice(2))) : der(0x18, ascii.encode(digits));
}

/** A SET OF in DER order: its elements sorted by their encodings (X.690 11.6), as signed attributes must be. */
export function setOf(elements: Uint8Array[]): Uint8Array {
  const sorted = [...elements].sort((a, b) => {
    for (let i = 0; i < Math.min(a.length, b.length); i++) if (a[i] !== b[i]) return (a[i] as number) - (b[i] as number);
    return a.length - b.length;
  });
  return set(...sorted);
}

/** Where one element sits in a buffer: its tag, and the offsets of its content and its end. */
export interface Element {
  tag: number;
  start: number;
  contentStart: number;
  end: number;
}

/** Reads the element at `start` (definite lengths only, as DER has). */
export function readElement(bytes: Uint8Array, start: number): Element {
  const tag = bytes[start] as number;
  let size = bytes[start + 1] as number;
  let contentStart = start + 2;
  if (size & 0x80) {
    const count = size & 0x7f;
    size = 0;
    for (let i = 0; i < count; i++) size = size * 256 + (bytes[contentStart + i] as number);
    contentStart += count;
  }
  if (contentStart + size > bytes.length) throw new RangeError("truncated DER");
  return { tag, start, contentStart, end: contentStart + size };
}

/** The elements inside a constructed element, in order. */
export function children(bytes: Uint8Array, parent: Element): Element[] {
  const found: Element[] = [];
  for (let at = parent.contentStart; at < parent.end; ) {
    const child = readElement(bytes, at);
    found.push(child);
    at = child.end;
  }
  return found;
}

/** The dotted form of an OBJECT IDENTIFIER element. */
export function readOid(bytes: Uint8Array, element: Element): string {
  const body = bytes.subarray(element.contentStart, element.end);
  const arcs = [Math.floor((body[0] as number) / 40), (body[0] as number) % 40];
  let value = 0;
  for (const byte of body.subarray(1)) {
    value = value * 128 + (byte & 0x7f);
    if (!(byte & 0x80)) {
      arcs.push(value);
      value = 0;
    }
  }
  return arcs.join(".");
}
