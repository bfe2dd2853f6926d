/**
 * A short, stable digest of text: 64-bit FNV-1a over its UTF-8 bytes, as 16 hex digits. Used for
 * {@link WorkingDayCalendar.fingerprint} (and by the policy module for `EffectivePolicy.fingerprint`).
 * Not cryptographic: it tells apart configurations that differ by accident, not by design.
 * @internal
 * @module
 */

/**
 * 64-bit FNV-1a of the UTF-8 bytes of `text` (offset basis 0xcbf29ce484222325, prime
 * 0x100000001b3), computed in four 16-bit limbs so it needs no BigInt.
 */
export function fnv1a64(text: string): string {
  let h0 = 0x2325, h1 = 0x8422, h2 = 0x9ce4, h3 = 0xcbf2;
  for (const byte of new TextEncoder().encode(text)) {
    h0 ^= byte;
    // h * prime = h * 0x1b3 + h * 2^40, modulo 2^64; 2^40 moves limb 0 into limb 2 and limb 1 into limb 3, shifted 8 bits.
    const t0 = h0 * 0x1b3;
    const t1 = h1 * 0x1b3 + (t0 >>> 16);
    const t2 = h2 * 0x1b3 + (h0 << 8) + (t1 >>> 16);
    const t3 = h3 * 0x1b3 + (h1 << 8) + (t2 >>> 16);
    h0 = t0 & 0xffff;
    h1 = t1 & 0xffff;
    h2 = t2 & 0xffff;
    h3 = t3 & 0xffff;
  }
  return [h3, h2, h1, h0].map((limb) => limb.toString(16).padStart(4, '0')).join('');
}
