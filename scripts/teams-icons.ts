/**
 * Draws the Teams app icons (a database cylinder) as real PNGs with nothing but Node's zlib:
 *   color.png   192×192, white cylinder on the accent colour
 *   outline.png  32×32, white cylinder on transparency (Teams requires white + transparent)
 * Run: npx tsx scripts/teams-icons.ts   (writes manifest/teams/*.png; commit the result)
 */
import { writeFileSync } from 'node:fs';
import { crc32, deflateSync } from 'node:zlib';

type Rgba = readonly [number, number, number, number];

function chunk(type: string, data: Buffer): Buffer {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([length, body, crc]);
}

export function encodePng(width: number, height: number, pixel: (x: number, y: number) => Rgba): Buffer {
  const header = Buffer.alloc(13);
  header.writeUInt32BE(width, 0);
  header.writeUInt32BE(height, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA, no interlace
  const rows = Buffer.alloc(height * (1 + width * 4));
  for (let y = 0; y < height; y++) {
    const row = y * (1 + width * 4);
    rows[row] = 0; // filter: none
    for (let x = 0; x < width; x++) rows.set(pixel(x, y), row + 1 + x * 4);
  }
  const signature = Buffer.from([137, 80, 78, 71, 13, 10, 26, 10]);
  return Buffer.concat([signature, chunk('IHDR', header), chunk('IDAT', deflateSync(rows)), chunk('IEND', Buffer.alloc(0))]);
}

/** Is the point (unit square coordinates) on the cylinder, outside the gaps between its disks? */
function onCylinder(x: number, y: number): boolean {
  const a = 0.3;
  const b = 0.1;
  const top = 0.24;
  const bottom = 0.76;
  const dx = (x - 0.5) / a;
  if (Math.abs(dx) > 1) return false;
  const inEllipse = (cy: number): boolean => dx * dx + ((y - cy) / b) ** 2 <= 1;
  if (!(inEllipse(top) || inEllipse(bottom) || (y >= top && y <= bottom))) return false;
  // Gaps: the lower rim of the top face and two rings down the side, drawn as arcs.
  const arc = (cy: number): number => cy + b * Math.sqrt(Math.max(0, 1 - dx * dx));
  return ![top, top + 0.18, top + 0.36].some((cy) => Math.abs(y - arc(cy)) < 0.022);
}

/** Coverage of a pixel, 4×4 supersampled, so edges are smooth at 32 px too. */
function coverage(x: number, y: number, size: number): number {
  let hits = 0;
  for (let i = 0; i < 4; i++) for (let j = 0; j < 4; j++) if (onCylinder((x + (i + 0.5) / 4) / size, (y + (j + 0.5) / 4) / size)) hits++;
  return hits / 16;
}

export const ACCENT: Rgba = [15, 108, 189, 255]; // #0F6CBD, also the manifest's accentColor

export function colorIcon(): Buffer {
  return encodePng(192, 192, (x, y) => {
    const c = coverage(x, y, 192);
    return [0, 1, 2].map((k) => Math.round(ACCENT[k]! * (1 - c) + 255 * c)).concat(255) as unknown as Rgba;
  });
}

export function outlineIcon(): Buffer {
  return encodePng(32, 32, (x, y) => [255, 255, 255, Math.round(255 * coverage(x, y, 32))]);
}

if (import.meta.url === `file://${process.argv[1] ?? ''}`) {
  const dir = new URL('../manifest/teams/', import.meta.url);
  writeFileSync(new URL('color.png', dir), colorIcon());
  writeFileSync(new URL('outline.png', dir), outlineIcon());
  process.stdout.write('wrote manifest/teams/color.png and manifest/teams/outline.png\n');
}
