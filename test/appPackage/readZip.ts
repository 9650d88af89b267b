/**
 * A strict reader for the zips scripts/package.ts writes, written from the format (PKWARE APPNOTE)
 * rather than from the writer: it finds the end record, walks the central directory, checks each
 * local header against it, inflates and verifies sizes and CRC-32 with node:zlib's own crc32.
 */
import { crc32, inflateRawSync } from 'node:zlib';

export interface ZipFileEntry {
  readonly name: string;
  readonly method: number;
  readonly data: Buffer;
}

export function readZip(zip: Buffer): ZipFileEntry[] {
  const endAt = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (endAt < 0 || endAt + 22 > zip.length) throw new Error('no end of central directory record');
  const count = zip.readUInt16LE(endAt + 10);
  if (zip.readUInt16LE(endAt + 8) !== count) throw new Error('entries on this disk differ from the total');
  const directorySize = zip.readUInt32LE(endAt + 12);
  const directoryAt = zip.readUInt32LE(endAt + 16);
  if (directoryAt + directorySize !== endAt) throw new Error('central directory does not end where the end record starts');

  const entries: ZipFileEntry[] = [];
  let p = directoryAt;
  for (let n = 0; n < count; n++) {
    if (zip.readUInt32LE(p) !== 0x02014b50) throw new Error(`bad central header signature at ${p}`);
    const method = zip.readUInt16LE(p + 10);
    const crc = zip.readUInt32LE(p + 16);
    const compressedSize = zip.readUInt32LE(p + 20);
    const size = zip.readUInt32LE(p + 24);
    const nameLength = zip.readUInt16LE(p + 28);
    const extraLength = zip.readUInt16LE(p + 30);
    const commentLength = zip.readUInt16LE(p + 32);
    const localAt = zip.readUInt32LE(p + 42);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLength);

    if (zip.readUInt32LE(localAt) !== 0x04034b50) throw new Error(`bad local header signature for ${name}`);
    if (zip.readUInt16LE(localAt + 8) !== method) throw new Error(`local and central methods differ for ${name}`);
    if (zip.readUInt32LE(localAt + 14) !== crc) throw new Error(`local and central CRCs differ for ${name}`);
    const localNameLength = zip.readUInt16LE(localAt + 26);
    const localExtraLength = zip.readUInt16LE(localAt + 28);
    if (zip.toString('utf8', localAt + 30, localAt + 30 + localNameLength) !== name) throw new Error(`local name differs for ${name}`);
    const dataAt = localAt + 30 + localNameLength + localExtraLength;
    const raw = zip.subarray(dataAt, dataAt + compressedSize);
    let data: Buffer;
    if (method === 0) data = Buffer.from(raw);
    else if (method === 8) data = inflateRawSync(raw);
    else throw new Error(`unsupported method ${method} for ${name}`);
    if (data.length !== size) throw new Error(`${name}: ${data.length} bytes, header says ${size}`);
    if (crc32(data) !== crc) throw new Error(`${name}: CRC mismatch`);
    entries.push({ name, method, data });
    p += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}
