// Writes the app's icons from resources/icon.svg at every size the packages need: PNGs for
// Linux (resources/icons/NxN.png, also the window and tray icons), icon.ico for Windows (PNG
// entries, 16–256) and icon.icns for macOS (PNG entries, 16–1024). Plain Node (zlib), no
// downloaded tools: the icon is drawn from the SVG's <circle> elements, anti-aliased by 4×4
// supersampling; any other SVG element is refused by name, so a changed icon cannot be drawn
// wrong silently. `node scripts/icons.mjs [outDir]` (default: resources/).
import { Buffer } from 'node:buffer';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import zlib from 'node:zlib';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const out = path.resolve(process.argv[2] ?? path.join(root, 'resources'));
const svg = fs.readFileSync(path.join(root, 'resources', 'icon.svg'), 'utf8');

const viewBox = /viewBox="0 0 ([\d.]+) ([\d.]+)"/.exec(svg);
if (!viewBox) throw new Error('resources/icon.svg: needs viewBox="0 0 W H"');
const [width, height] = [Number(viewBox[1]), Number(viewBox[2])];
const circles = [];
for (const element of svg.matchAll(/<(\w+)([^>]*)\/?>/g)) {
  const [, name, attributes] = element;
  if (name === 'svg') continue;
  if (name !== 'circle')
    throw new Error(`resources/icon.svg: <${name}> is not drawn by scripts/icons.mjs (only <circle>)`);
  const attr = (key) => /(?:^|\s)KEY="([^"]+)"/.source.replace('KEY', key);
  const value = (key) => new RegExp(attr(key)).exec(attributes)?.[1];
  const given = value('fill') ?? '#000';
  // #rgb is #rrggbb with each digit doubled.
  const fill = /^#[0-9a-f]{3}$/i.test(given) ? `#${[...given.slice(1)].map((d) => d + d).join('')}` : given;
  if (!/^#[0-9a-f]{6}$/i.test(fill)) throw new Error(`resources/icon.svg: fill "${given}" must be #rgb or #rrggbb`);
  circles.push({
    cx: Number(value('cx')),
    cy: Number(value('cy')),
    r: Number(value('r')),
    rgb: [1, 3, 5].map((i) => parseInt(fill.slice(i, i + 2), 16)),
  });
}

function draw(size) {
  const pixels = Buffer.alloc(size * size * 4);
  const samples = 4;
  for (let y = 0; y < size; y++)
    for (let x = 0; x < size; x++) {
      let [r, g, b, a] = [0, 0, 0, 0];
      for (let sy = 0; sy < samples; sy++)
        for (let sx = 0; sx < samples; sx++) {
          const px = ((x + (sx + 0.5) / samples) / size) * width;
          const py = ((y + (sy + 0.5) / samples) / size) * height;
          // The last circle containing the point is the one on top.
          const hit = circles.findLast((c) => (px - c.cx) ** 2 + (py - c.cy) ** 2 <= c.r ** 2);
          if (hit) [r, g, b, a] = [r + hit.rgb[0], g + hit.rgb[1], b + hit.rgb[2], a + 1];
        }
      const o = (y * size + x) * 4;
      if (a > 0)
        pixels.set([Math.round(r / a), Math.round(g / a), Math.round(b / a), Math.round((a / samples ** 2) * 255)], o);
    }
  return pixels;
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buffer) {
  let c = 0xffffffff;
  for (const byte of buffer) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
function chunk(type, data) {
  const length = Buffer.alloc(4);
  length.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([length, body, crc]);
}
function png(size) {
  const pixels = draw(size);
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) pixels.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  const header = Buffer.alloc(13);
  header.writeUInt32BE(size, 0);
  header.writeUInt32BE(size, 4);
  header.set([8, 6, 0, 0, 0], 8); // 8-bit RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', header),
    chunk('IDAT', zlib.deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

export const pngSizes = [16, 24, 32, 48, 64, 128, 256, 512, 1024];
export const icoSizes = [16, 24, 32, 48, 64, 128, 256];
export const icnsTypes = { icp4: 16, icp5: 32, icp6: 64, ic07: 128, ic08: 256, ic09: 512, ic10: 1024 };

const pngs = new Map(pngSizes.map((size) => [size, png(size)]));
fs.mkdirSync(path.join(out, 'icons'), { recursive: true });
for (const [size, data] of pngs) fs.writeFileSync(path.join(out, 'icons', `${size}x${size}.png`), data);

// ICO: a directory of PNG images (Windows Vista and later read PNG entries).
const icoHeader = Buffer.alloc(6 + 16 * icoSizes.length);
icoHeader.writeUInt16LE(0, 0);
icoHeader.writeUInt16LE(1, 2);
icoHeader.writeUInt16LE(icoSizes.length, 4);
let offset = icoHeader.length;
icoSizes.forEach((size, i) => {
  const data = pngs.get(size);
  const at = 6 + i * 16;
  icoHeader.writeUInt8(size >= 256 ? 0 : size, at);
  icoHeader.writeUInt8(size >= 256 ? 0 : size, at + 1);
  icoHeader.writeUInt16LE(1, at + 4);
  icoHeader.writeUInt16LE(32, at + 6);
  icoHeader.writeUInt32LE(data.length, at + 8);
  icoHeader.writeUInt32LE(offset, at + 12);
  offset += data.length;
});
fs.writeFileSync(path.join(out, 'icon.ico'), Buffer.concat([icoHeader, ...icoSizes.map((s) => pngs.get(s))]));

// ICNS: 'icns' + length, then typed entries holding PNG data.
const entries = Object.entries(icnsTypes).map(([type, size]) => {
  const head = Buffer.alloc(8);
  head.write(type, 0, 'ascii');
  head.writeUInt32BE(8 + pngs.get(size).length, 4);
  return Buffer.concat([head, pngs.get(size)]);
});
const icnsHead = Buffer.alloc(8);
icnsHead.write('icns', 0, 'ascii');
icnsHead.writeUInt32BE(8 + entries.reduce((n, e) => n + e.length, 0), 4);
fs.writeFileSync(path.join(out, 'icon.icns'), Buffer.concat([icnsHead, ...entries]));
// electron-builder's default icon for targets that take one PNG.
fs.copyFileSync(path.join(out, 'icons', '512x512.png'), path.join(out, 'icon.png'));
process.stdout.write(
  `icons written to ${path.relative(root, out) || '.'}: ${pngSizes.join(', ')} px, icon.ico, icon.icns\n`,
);
