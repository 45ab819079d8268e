import * as l10n from '@vscode/l10n';
import type { Parsed } from './types';

/*
 * The docker CLI is written in Go; these reproduce the Go standard-library
 * parsers it applies to flag values, so we accept and reject what it does.
 */

/** strconv.ParseBool */
export function parseGoBool(text: string): boolean | undefined {
  if (['1', 't', 'T', 'TRUE', 'true', 'True'].includes(text)) return true;
  if (['0', 'f', 'F', 'FALSE', 'false', 'False'].includes(text)) return false;
  return undefined;
}

/** strconv.ParseUint(text, 10, bits): plain decimal digits, no sign. */
export function parseGoUint(text: string, max: number): number | undefined {
  if (!/^[0-9]+$/.test(text)) return undefined;
  const value = Number(text);
  return value <= max ? value : undefined;
}

/** strconv.Atoi */
export function parseGoInt(text: string): number | undefined {
  return /^[+-]?[0-9]+$/.test(text) ? Number(text) : undefined;
}

/** net.ParseIP: dotted IPv4 (no leading zeros) or IPv6 (optionally ending in IPv4), no zone. */
export function isGoIP(text: string): boolean {
  return isIPv4(text) || isIPv6(text);
}

function isIPv4(text: string): boolean {
  const parts = text.split('.');
  return parts.length === 4 && parts.every((p) => /^(0|[1-9][0-9]{0,2})$/.test(p) && Number(p) <= 255);
}

function isIPv6(text: string): boolean {
  const halves = text.split('::');
  if (halves.length > 2) return false;
  const groups = halves.map((h) => (h === '' ? [] : h.split(':')));
  const all = groups.flat();
  // only the very last group may be dotted IPv4
  const lastHalf = groups[groups.length - 1];
  const last = lastHalf[lastHalf.length - 1];
  const endsInIPv4 = last !== undefined && last.includes('.');
  if (endsInIPv4 && !isIPv4(last)) return false;
  const hexGroups = endsInIPv4 ? all.slice(0, -1) : all;
  if (!hexGroups.every((g) => /^[0-9a-fA-F]{1,4}$/.test(g))) return false;
  const width = hexGroups.length + (endsInIPv4 ? 2 : 0);
  return halves.length === 2 ? width < 8 : width === 8;
}

/** encoding/csv reading one record (the rest of the text after a line break is ignored, as in Go). */
export function readCsvRecord(text: string): Parsed<string[]> {
  if (text === '') return { ok: false, error: l10n.t('The value is empty.') };
  const fields: string[] = [];
  let i = 0;
  const atFieldEnd = (): boolean => i >= text.length || text[i] === ',' || text[i] === '\n' || text.startsWith('\r\n', i);
  for (;;) {
    let field = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= text.length) return { ok: false, error: l10n.t('A quoted field is not closed: {0}', text) };
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            field += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        field += text[i++];
      }
      if (!atFieldEnd()) {
        return { ok: false, error: l10n.t('Extraneous or missing " in quoted field: {0}', text) };
      }
    } else {
      while (!atFieldEnd()) {
        if (text[i] === '"') return { ok: false, error: l10n.t('Bare " in a field that is not quoted: {0}', text) };
        field += text[i++];
      }
    }
    fields.push(field);
    if (text[i] !== ',') return { ok: true, value: fields };
    i++;
  }
}

/** Go's strconv.ParseFloat decimal syntax, the part of it a size or CPU count uses. */
const DECIMAL = /^[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?$/;

const BINARY_UNITS: Record<string, number> = { k: 2 ** 10, m: 2 ** 20, g: 2 ** 30, t: 2 ** 40, p: 2 ** 50 };

/** go-units RAMInBytes: `512m`, `1.5g`, `1 GiB`, `100kb`, plain bytes; binary multiples. */
export function parseRamInBytes(text: string): Parsed<number> {
  const invalidSize = {
    ok: false as const,
    error: l10n.t("Invalid size '{0}': expected a number with an optional unit (b, k, m, g, t, p), like 512m or 1.5g.", text),
  };
  const lastNumberChar = Math.max(...[...'0123456789. '].map((c) => text.lastIndexOf(c)));
  if (lastNumberChar < 0) return invalidSize;
  const spaceSeparated = text[lastNumberChar] === ' ';
  const number = spaceSeparated ? text.slice(0, lastNumberChar) : text.slice(0, lastNumberChar + 1);
  const suffix = text.slice(lastNumberChar + 1).toLowerCase();
  if (!DECIMAL.test(number)) return invalidSize;
  const size = Number(number);
  if (size < 0) return invalidSize;
  if (suffix === '' || suffix === 'b') return { ok: true, value: Math.trunc(size) };
  const multiplier = BINARY_UNITS[suffix[0]];
  const rest = suffix.slice(1);
  if (multiplier === undefined || !['', 'b', 'ib'].includes(rest)) {
    return { ok: false, error: l10n.t("Invalid size '{0}': unknown unit '{1}' (use b, k, m, g, t or p).", text, suffix) };
  }
  return { ok: true, value: Math.trunc(size * multiplier) };
}

const NANO = 1_000_000_000n;

/** big.Rat.SetString then ×1e9, as the CLI's --cpus: decimals, exponents and fractions like 3/2. */
export function parseNanoCpus(text: string): Parsed<bigint> {
  const ratio = parseRational(text);
  if (!ratio) return { ok: false, error: l10n.t('{0} is not a number of CPUs, like 1.5.', text) };
  const [numerator, denominator] = ratio;
  if ((numerator * NANO) % denominator !== 0n) {
    return { ok: false, error: l10n.t('{0} is too precise: CPUs are counted in billionths.', text) };
  }
  return { ok: true, value: (numerator * NANO) / denominator };
}

function parseRational(text: string): [bigint, bigint] | undefined {
  const fraction = /^([+-]?[0-9]+)\/([0-9]+)$/.exec(text);
  if (fraction) {
    const denominator = BigInt(fraction[2]);
    return denominator === 0n ? undefined : [BigInt(fraction[1]), denominator];
  }
  const decimal = /^([+-]?)([0-9]*)(?:\.([0-9]*))?(?:[eE]([+-]?[0-9]+))?$/.exec(text);
  if (!decimal || !DECIMAL.test(text)) return undefined;
  const [, sign, whole, decimals = '', exponentText = '0'] = decimal;
  const digits = BigInt(`${whole}${decimals}` || '0') * (sign === '-' ? -1n : 1n);
  const exponent = Number(exponentText) - decimals.length;
  if (Math.abs(exponent) > 400) return undefined;
  return exponent >= 0 ? [digits * 10n ** BigInt(exponent), 1n] : [digits, 10n ** BigInt(-exponent)];
}

/** Formats nano CPUs as the shortest exact decimal (1500000000 → "1.5"). */
export function formatNanoCpus(nano: number): string {
  const value = BigInt(nano);
  const whole = value / NANO;
  const fraction = (value % NANO).toString().padStart(9, '0').replace(/0+$/, '');
  return fraction ? `${whole}.${fraction}` : `${whole}`;
}

/** Formats bytes with the largest binary unit that divides them exactly (6291456 → "6m"). */
export function formatRamBytes(bytes: number): string {
  for (const unit of ['p', 't', 'g', 'm', 'k']) {
    const multiplier = BINARY_UNITS[unit];
    if (bytes >= multiplier && bytes % multiplier === 0) return `${bytes / multiplier}${unit}`;
  }
  return `${bytes}`;
}
