import { describe, expect, it } from 'vitest';
import {
  compressText,
  decodeBase85,
  decompressText,
  encodeBase85,
} from '#shared/domain/claims/packs/compressed.ts';

describe('Module: packs/compressed — what the bundles carry', () => {
  it('round-trips every byte value and every length modulo 4', () => {
    // Prepare
    const all = Uint8Array.from({ length: 256 }, (_, k) => k);
    const lengths = [0, 1, 2, 3, 4, 5, 255, 256];

    for (const length of lengths) {
      // Act
      const text = encodeBase85(all.subarray(0, length));

      // Assess
      expect(text.length).toBe(Math.ceil(length / 4) * 5);
      expect([...decodeBase85(text, length)]).toEqual([...all.subarray(0, length)]);
    }
  });

  it('writes nothing a JSON or JavaScript string literal escapes', () => {
    // Prepare
    const bytes = Uint8Array.from({ length: 4_000 }, (_, k) => (k * 7919) % 256);

    // Act
    const text = encodeBase85(bytes);

    // Assess
    expect(text).toMatch(/^[0-9a-zA-Z!#%&()*+,\-.:;=?@[\]^_{|}]+$/);
    expect(JSON.stringify(text)).toBe(`"${text}"`);
  });

  it('decompresses what it compressed, Chinese and Vietnamese included, in fewer bytes than base64', () => {
    // Prepare
    const text = JSON.stringify({ zh: '全网最佳'.repeat(50), vi: 'tốt nhất thị trường'.repeat(50) });

    // Act
    const packed = compressText(text);

    // Assess
    expect(decompressText(packed)).toBe(text);
    expect(packed.brotli.length).toBeLessThan(Math.ceil(packed.bytes / 3) * 4);
  });

  it('refuses text that is not base85 or too short for its length', () => {
    expect(() => decodeBase85('0000"', 4)).toThrow(RangeError);
    expect(() => decodeBase85('00000', 5)).toThrow(RangeError);
    expect(() => decodeBase85('}}}}}', 4)).toThrow(/overflows/);
  });
});
