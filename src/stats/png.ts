/**
 * A tiny raster canvas and PNG encoder (RGB, zlib from Node): enough for bar charts with text,
 * with no native module or browser. Text uses a built-in 5×7 bitmap font (capitals, digits,
 * Swedish/Norwegian letters and chart punctuation); lower case is drawn as capitals.
 */
import { encodePng } from '../shared/png.ts';

export type Rgb = readonly [number, number, number];

// 5×7 glyphs, one string of 7 rows × 5 columns per character.
const GLYPHS: Record<string, string> = {
  A: '01110100011000111111100011000110001', B: '11110100011000111110100011000111110', C: '01110100011000010000100001000101110',
  D: '11110100011000110001100011000111110', E: '11111100001000011110100001000011111', F: '11111100001000011110100001000010000',
  G: '01110100011000010111100011000101111', H: '10001100011000111111100011000110001', I: '01110001000010000100001000010001110',
  J: '00111000100001000010000101001001100', K: '10001100101010011000101001001010001', L: '10000100001000010000100001000011111',
  M: '10001110111010110101100011000110001', N: '10001100011100110101100111000110001', O: '01110100011000110001100011000101110',
  P: '11110100011000111110100001000010000', Q: '01110100011000110001101011001001101', R: '11110100011000111110101001001010001',
  S: '01111100001000001110000010000111110', T: '11111001000010000100001000010000100', U: '10001100011000110001100011000101110',
  V: '10001100011000110001100010101000100', W: '10001100011000110101101011010101010', X: '10001100010101000100010101000110001',
  Y: '10001100010101000100001000010000100', Z: '11111000010001000100010001000011111',
  0: '01110100011001110101110011000101110', 1: '00100011000010000100001000010001110', 2: '01110100010000100010001000100011111',
  3: '11111000100010000010000011000101110', 4: '00010001100101010010111110001000010', 5: '11111100001111000001000011000101110',
  6: '00110010001000011110100011000101110', 7: '11111000010001000100010000100001000', 8: '01110100011000101110100011000101110',
  9: '01110100011000101111000010001001100',
  ' ': '00000000000000000000000000000000000', '%': '11000110010001000100010001001100011', '<': '00010001000100010000010000010000010',
  '>': '01000001000001000001000100010001000', '-': '00000000000000011111000000000000000', '.': '00000000000000000000000000110001100',
  ',': '00000000000000000000011000010001000', ':': '00000011000110000000011000110000000', '/': '00001000010001000100010001000010000',
  '(': '00010001000100001000010000010000010', ')': '01000001000001000010000100010001000', '+': '00000001000010011111001000010000000',
  '·': '00000000000000000100000000000000000', _: '00000000000000000000000000000011111', '?': '01110100010000100010001000000000100',
  '!': '00100001000010000100001000000000100', '=': '00000000001111100000111110000000000', '&': '01100100101010001000101011001001101',
  Å: '00100010100010001110100011111110001', Ä: '01010000000111010001111111000110001', Ö: '01010000000111010001100011000101110',
  Æ: '01111101001010011110101001010010111', Ø: '01110100111010110101101011100101110', É: '00010001001111110000111101000011111',
  Ü: '01010000001000110001100011000101110',
};
const FOLD: Record<string, string> = { '–': '-', '—': '-', '…': '.', '×': 'X' };

export class Canvas {
  readonly pixels: Uint8Array;

  constructor(readonly width: number, readonly height: number, background: Rgb = [255, 255, 255]) {
    this.pixels = new Uint8Array(width * height * 3);
    this.fillRect(0, 0, width, height, background);
  }

  fillRect(x: number, y: number, w: number, h: number, c: Rgb): void {
    const x0 = Math.max(0, Math.round(x));
    const y0 = Math.max(0, Math.round(y));
    const x1 = Math.min(this.width, Math.round(x + w));
    const y1 = Math.min(this.height, Math.round(y + h));
    for (let yy = y0; yy < y1; yy++) {
      for (let xx = x0; xx < x1; xx++) {
        const i = (yy * this.width + xx) * 3;
        this.pixels[i] = c[0];
        this.pixels[i + 1] = c[1];
        this.pixels[i + 2] = c[2];
      }
    }
  }

  /** An outlined box with diagonal hatching: a value we may not show exactly. */
  hatchRect(x: number, y: number, w: number, h: number, c: Rgb): void {
    this.fillRect(x, y, w, 1, c);
    this.fillRect(x, y + h - 1, w, 1, c);
    this.fillRect(x, y, 1, h, c);
    this.fillRect(x + w - 1, y, 1, h, c);
    for (let xx = 0; xx < w; xx++) for (let yy = 0; yy < h; yy++) if ((xx + yy) % 6 === 0) this.fillRect(x + xx, y + yy, 1, 1, c);
  }

  /** Pixel width of `text` at a font scale. */
  static textWidth(text: string, scale = 2): number {
    return text.length * 6 * scale - (text.length ? scale : 0);
  }

  /** Draws text (top-left at x, y); characters without a glyph are drawn as "?". */
  text(x: number, y: number, text: string, c: Rgb, scale = 2): void {
    let cx = x;
    for (const raw of text.toUpperCase()) {
      const ch = FOLD[raw] ?? raw;
      const g = GLYPHS[ch] ?? GLYPHS['?']!;
      for (let row = 0; row < 7; row++) {
        for (let col = 0; col < 5; col++) if (g[row * 5 + col] === '1') this.fillRect(cx + col * scale, y + row * scale, scale, scale, c);
      }
      cx += 6 * scale;
    }
  }

  /** Shortens text to fit `maxWidth` pixels, ending in "..". */
  static fit(text: string, maxWidth: number, scale = 2): string {
    if (Canvas.textWidth(text, scale) <= maxWidth) return text;
    let t = text;
    while (t.length > 1 && Canvas.textWidth(`${t}..`, scale) > maxWidth) t = t.slice(0, -1);
    return `${t.trimEnd()}..`;
  }

  toPng(): Buffer {
    return encodePng(this.width, this.height, this.pixels, 3);
  }
}

