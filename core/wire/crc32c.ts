// CRC-32C (Castagnoli, reflected polynomial 0x82F63B78), as org.apache.kafka.common.utils.Crc32C
// computes it: the checksum of a v2 record batch, from its attributes to its end
// (DefaultRecordBatch.computeChecksum). A table-driven byte-at-a-time loop.

const TABLE = (() => {
  const t = new Uint32Array(256);
  for (let n = 0; n < 256; n++) {
    let c = n;
    for (let k = 0; k < 8; k++) c = c & 1 ? (c >>> 1) ^ 0x82f63b78 : c >>> 1;
    t[n] = c >>> 0;
  }
  return t;
})();

/** The unsigned CRC-32C of `bytes`. */
export function crc32c(bytes: Uint8Array): number {
  let c = 0xffffffff;
  for (let i = 0; i < bytes.length; i++) c = TABLE[(c ^ bytes[i]!) & 0xff]! ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
