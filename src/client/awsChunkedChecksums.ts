import { createHash } from 'node:crypto';
import { crc32 } from 'node:zlib';

/** A running checksum of the decoded payload, rendered base64 as the x-amz-checksum-* trailers carry it. */
export interface RunningChecksum {
  update(data: Uint8Array): void;
  base64(): string;
}

function uint32Base64(value: number): string {
  const out = Buffer.allocUnsafe(4);
  out.writeUInt32BE(value >>> 0);
  return out.toString('base64');
}

const CRC32C_TABLE = (() => {
  const table = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? 0x82f63b78 ^ (c >>> 1) : c >>> 1;
    table[n] = c >>> 0;
  }
  return table;
})();

function crc32cRunning(): RunningChecksum {
  let crc = 0xffffffff;
  return {
    update(data) {
      let c = crc;
      for (let i = 0; i < data.length; i++) c = (CRC32C_TABLE[(c ^ (data[i] as number)) & 0xff] as number) ^ (c >>> 8);
      crc = c;
    },
    base64: () => uint32Base64(crc ^ 0xffffffff),
  };
}

function crc32Running(): RunningChecksum {
  let crc = 0;
  return { update: (data) => void (crc = crc32(data, crc)), base64: () => uint32Base64(crc) };
}

function hashRunning(algorithm: 'sha1' | 'sha256'): () => RunningChecksum {
  return () => {
    const hash = createHash(algorithm);
    return { update: (data) => void hash.update(data), base64: () => hash.digest('base64') };
  };
}

/** The checksum trailers S3 defines that can be computed here, by trailer name. CRC64NVME is not among them. */
export const TRAILER_CHECKSUMS: ReadonlyMap<string, () => RunningChecksum> = new Map([
  ['x-amz-checksum-crc32', crc32Running],
  ['x-amz-checksum-crc32c', crc32cRunning],
  ['x-amz-checksum-sha1', hashRunning('sha1')],
  ['x-amz-checksum-sha256', hashRunning('sha256')],
]);

export const CHECKSUM_TRAILER_PREFIX = 'x-amz-checksum-';
