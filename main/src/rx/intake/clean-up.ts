// Image checks and clean-up before OCR. A file is refused on its size before any decoder sees it (a
// decompression bomb or a 200 MB photo must not stall the counter), then on its signature, then on what
// ImageMagick can read of it; a page with almost no ink is refused as blank rather than "read" as nothing.
import { execFile } from 'node:child_process';
import { open, stat } from 'node:fs/promises';
import { IntakeFailure } from './errors.js';

const CONVERT = '/usr/bin/convert';
const IDENTIFY = '/usr/bin/identify';

export const MAX_FILE_BYTES = 50 * 1024 * 1024;
/** More pixels than a 600 dpi A4 page is not a prescription scan; refused before decoding. */
export const MAX_PIXELS = 40_000_000;
/** Pages are scaled so that the longer side is at most this: enough for 10 pt print, and OCR time grows with area. */
const MAX_SIDE = 2400;
const MIN_SIDE = 900;

export type ImageKind = 'png' | 'jpeg' | 'tiff' | 'bmp' | 'gif' | 'webp' | 'pnm';

export type CleanPage = {
  /** 8-bit grey PGM (P5), what the OCR engine reads */
  pgm: Buffer;
  width: number;
  height: number;
  /** original pixels per cleaned pixel, to map boxes back onto the image as given */
  scale: number;
  original: { width: number; height: number; kind: ImageKind; bytes: number };
  /** share of pixels darker than mid-grey after the contrast stretch */
  ink: number;
};

function run(cmd: string, args: string[], maxBuffer: number): Promise<Buffer> {
  return new Promise((resolveRun, reject) => {
    execFile(cmd, args, { encoding: 'buffer', maxBuffer, timeout: 30_000 }, (err, stdout, stderr) => {
      if (err) reject(new Error(`${String(stderr).trim() || err.message}`));
      else resolveRun(stdout);
    });
  });
}

export function sniffImageKind(head: Buffer): ImageKind | null {
  const b = (i: number): number => head[i] ?? -1;
  if (b(0) === 0x89 && head.subarray(1, 4).toString('latin1') === 'PNG') return 'png';
  if (b(0) === 0xff && b(1) === 0xd8 && b(2) === 0xff) return 'jpeg';
  const four = head.subarray(0, 4).toString('latin1');
  if (four === 'II*\0' || four === 'MM\0*') return 'tiff';
  if (head.subarray(0, 2).toString('latin1') === 'BM') return 'bmp';
  if (four === 'GIF8') return 'gif';
  if (four === 'RIFF' && head.subarray(8, 12).toString('latin1') === 'WEBP') return 'webp';
  if (b(0) === 0x50 && b(1) >= 0x32 && b(1) <= 0x36 && (b(2) === 0x0a || b(2) === 0x20 || b(2) === 0x0d)) return 'pnm';
  return null;
}

export async function checkImageFile(path: string): Promise<{ kind: ImageKind; bytes: number }> {
  let bytes: number;
  try {
    const s = await stat(path);
    if (!s.isFile()) throw new IntakeFailure('intake.notFound', 'The path is not a file.', { path });
    bytes = s.size;
  } catch (e: unknown) {
    if (e instanceof IntakeFailure) throw e;
    throw new IntakeFailure('intake.notFound', 'The image file cannot be found.', { path });
  }
  if (bytes > MAX_FILE_BYTES) throw new IntakeFailure('intake.tooLarge', `The image is ${bytes} bytes; the limit is ${MAX_FILE_BYTES}.`, { bytes, limit: MAX_FILE_BYTES });
  if (bytes === 0) throw new IntakeFailure('intake.notAnImage', 'The file is empty.', { bytes });
  const handle = await open(path, 'r');
  const head = Buffer.alloc(16);
  try {
    await handle.read(head, 0, 16, 0);
  } finally {
    await handle.close();
  }
  const kind = sniffImageKind(head);
  if (kind === null) throw new IntakeFailure('intake.notAnImage', 'The file is not an image this intake reads (PNG, JPEG, TIFF, BMP, GIF, WebP, PNM).', { bytes });
  return { kind, bytes };
}

function parsePgm(buf: Buffer): { width: number; height: number; offset: number } {
  // P5 <w> <h> <max>\n — ImageMagick writes no comments
  const m = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/.exec(buf.subarray(0, 64).toString('latin1'));
  if (m === null) throw new IntakeFailure('intake.corruptImage', 'The cleaned image could not be read back.');
  return { width: Number(m[1]), height: Number(m[2]), offset: m[0].length };
}

/** Grey, contrast-stretched, scaled into the OCR's comfortable range. Deskew is left to the OCR pass. */
export async function cleanUpImage(path: string): Promise<CleanPage> {
  const { kind, bytes } = await checkImageFile(path);
  let width: number;
  let height: number;
  try {
    const out = (await run(IDENTIFY, ['-ping', '-format', '%w %h\n', `${path}[0]`], 1 << 20)).toString('latin1').trim().split(/\s+/);
    width = Number(out[0]);
    height = Number(out[1]);
  } catch (e: unknown) {
    throw new IntakeFailure('intake.corruptImage', 'The image cannot be read: it is damaged or truncated.', { reason: e instanceof Error ? e.message : String(e) });
  }
  if (!(width > 0 && height > 0)) throw new IntakeFailure('intake.corruptImage', 'The image has no size.', { width, height });
  if (width * height > MAX_PIXELS) throw new IntakeFailure('intake.tooLarge', `The image is ${width}×${height} pixels; the limit is ${MAX_PIXELS} pixels.`, { width, height, limit: MAX_PIXELS });
  const longer = Math.max(width, height);
  const factor = longer > MAX_SIDE ? MAX_SIDE / longer : longer < MIN_SIDE ? Math.min(3, MIN_SIDE / longer) : 1;
  const args = [`${path}[0]`, '-auto-orient', '-colorspace', 'Gray'];
  if (factor !== 1) args.push('-resize', `${(factor * 100).toFixed(3)}%`);
  args.push('-auto-level', '-depth', '8', 'pgm:-');
  let pgm: Buffer;
  try {
    pgm = await run(CONVERT, args, 64 * 1024 * 1024);
  } catch (e: unknown) {
    throw new IntakeFailure('intake.corruptImage', 'The image cannot be decoded: it is damaged or truncated.', { reason: e instanceof Error ? e.message : String(e) });
  }
  const head = parsePgm(pgm);
  let dark = 0;
  const n = head.width * head.height;
  for (let i = head.offset; i < head.offset + n && i < pgm.length; i++) if ((pgm[i] as number) < 128) dark++;
  const ink = n === 0 ? 0 : dark / n;
  return { pgm, width: head.width, height: head.height, scale: width / head.width, original: { width, height, kind, bytes }, ink };
}
